import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { useLiveSession } from '../sessionStore';

/** Always visible; Escape triggers it from anywhere on the page. Says why the session is paused. */
export function EmergencyStop({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const stopped = snapshot.directive.stopped;
  const why = snapshot.pause === 'patient' ? 'stop.patient' : snapshot.pause === 'link' ? 'stop.link' : 'stop.engaged';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void command({ type: 'emergencyStop' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [command]);

  return (
    <div className={`stopbar${stopped ? ' engaged' : ''}`}>
      <button type="button" className="estop" data-testid="emergency-stop" onClick={() => void command({ type: 'emergencyStop' })}>
        {t('stop.button')} <kbd>{t('stop.shortcut')}</kbd>
      </button>
      {stopped && (
        <>
          <span role="status">{t(why)}</span>
          <button type="button" onClick={() => void command({ type: 'resume' })}>
            {t('stop.resume')}
          </button>
        </>
      )}
    </div>
  );
}
