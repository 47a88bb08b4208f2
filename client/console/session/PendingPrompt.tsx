import { useTranslation } from 'react-i18next';
import type { PendingPrompt as Pending } from '../../../contract';
import { formatTime } from '../../common/format';

/** A craving prompt that is due: held back by the server until it is safe, or scheduled. */
export function PendingPrompt({ pending }: { pending: Pending }) {
  const { t, i18n } = useTranslation();
  if (pending.deferred) {
    const reason = pending.reason ? t(`rating.reason_${pending.reason}`, { defaultValue: pending.reason }) : '—';
    return (
      <p role="status" className="deferred" data-testid="pending-prompt">
        {pending.until !== null
          ? t('rating.deferredUntil', { reason, time: formatTime(pending.until, i18n.language) })
          : t('rating.deferred', { reason })}
      </p>
    );
  }
  if (pending.due > Date.now() + 1000) {
    return (
      <p role="status" className="muted">
        {t('rating.due', { time: formatTime(pending.due, i18n.language) })}
      </p>
    );
  }
  return null;
}
