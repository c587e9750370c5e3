import { useTranslation } from 'react-i18next';
import type { Call } from '../api/types';
import { formatClosingTime } from '../format';
import { useLang } from '../lang';

/** "Haku päättyy 21.11.2018 klo 24.00", or "Haku päättyi …" once the call has closed. */
export function ClosingTime({ call, closed: closedNow }: { call: Pick<Call, 'closesAt' | 'phase'>; closed?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const closed = closedNow ?? (call.phase === 'closed' || call.phase === 'decided');
  return <>{t(closed ? 'calls.closedAt' : 'calls.closesAt', { time: formatClosingTime(call.closesAt, lang) })}</>;
}
