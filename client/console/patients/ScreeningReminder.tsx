import { useTranslation } from 'react-i18next';
import { ScreeningFlag, type SessionSnapshot } from '../../../contract';
import { findScene } from '../../../scenes/manifests';
import { screeningWarnings } from '../../../scenes/screening';
import { useLiveSession } from '../sessionStore';

/**
 * During the session: the patient's screening flags (recorded when it opened), and a warning while the
 * scene level asked of the headset concerns one of them — e.g. the nightclub chosen by hand for a
 * patient with photosensitive epilepsy.
 */
export function ScreeningReminder({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation();
  const opened = useLiveSession((s) => s.log.find((e) => e.type === 'session.opened'));
  const flags = ScreeningFlag.array().catch([]).parse(opened?.data.screeningFlags);
  if (flags.length === 0) return null;
  const now = screeningWarnings(flags, [snapshot.directive.scene], findScene);
  return (
    <div className="screening-now" data-testid="screening-reminder">
      {now.length === 0 ? (
        <p className="muted">{t('screening.reminder', { flags: flags.map((f) => t(`flag.${f}`)).join(', ') })}</p>
      ) : (
        now.map((w) => (
          <p key={w.flag} className="warning" role="status">
            <strong>{t(`flag.${w.flag}`)}</strong> — {t(`screening.why_${w.why}`)}
          </p>
        ))
      )}
    </div>
  );
}
