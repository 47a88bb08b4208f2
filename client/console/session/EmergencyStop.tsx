import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { useLiveSession } from '../sessionStore';

/** Alt+X (Option+X on a Mac): fast with one hand, hard to hit by accident, works from inside a text field. */
export function isStopShortcut(e: KeyboardEvent): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyX';
}

/** Always visible (sticky); its shortcut works from anywhere on the page. Says why the session is paused. */
export function EmergencyStop({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const stopped = snapshot.directive.stopped;
  const why = snapshot.pause === 'patient' ? 'stop.patient' : snapshot.pause === 'link' ? 'stop.link' : 'stop.engaged';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isStopShortcut(e)) return;
      e.preventDefault();
      void command({ type: 'emergencyStop' });
    };
    // Capture: no field or widget can swallow it first.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [command]);

  return (
    <div className={`stopbar${stopped ? ' engaged' : ''}`}>
      <button type="button" className="estop" data-testid="emergency-stop" aria-keyshortcuts="Alt+X" onClick={() => void command({ type: 'emergencyStop' })}>
        {t('stop.button')} <kbd>{t('live.stopShortcut')}</kbd>
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
