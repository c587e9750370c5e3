import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { remaining } from '../format';

/**
 * Time left until a deadline, ticking each second in the last hour and each minute before.
 * It is not a live region: a screen reader would hear it every second.
 */
export function Countdown({ deadline, onPassed }: { deadline: string; onPassed?: () => void }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const left = remaining(deadline, now);
  const underHour = !left.past && left.days === 0 && left.hours === 0;
  useEffect(() => {
    if (left.past) {
      onPassed?.();
      return;
    }
    const id = window.setTimeout(() => setNow(Date.now()), underHour ? 1000 : 30_000);
    return () => window.clearTimeout(id);
  }, [now, left.past, underHour, onPassed]);
  if (left.past) return <span className="countdown countdown-past">{t('countdown.closed')}</span>;
  const parts: string[] = [];
  if (left.days > 0) parts.push(t('countdown.days', { count: left.days }));
  if (left.days > 0 || left.hours > 0) parts.push(t('countdown.hours', { count: left.hours }));
  parts.push(t('countdown.minutes', { count: left.minutes }));
  if (underHour) parts.push(t('countdown.seconds', { count: left.seconds }));
  return <span className={underHour ? 'countdown countdown-urgent' : 'countdown'}>{t('countdown.left', { time: parts.join(' ') })}</span>;
}
