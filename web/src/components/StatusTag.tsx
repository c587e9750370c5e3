import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, CallPhase } from '../api/types';

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return <span className={`status-tag status-${status}`}>{t(`status.${status}`)}</span>;
}

export function PhaseTag({ phase }: { phase: CallPhase }) {
  const { t } = useTranslation();
  return <span className={`status-tag phase-${phase}`}>{t(`phase.${phase}`)}</span>;
}
