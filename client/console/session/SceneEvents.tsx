import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { findScene } from '../../../scenes/manifests';
import { useLiveSession } from '../sessionStore';
import { sceneTitle } from './sceneTitle';
import { pick } from './text';

/** One-off events of the scene the headset is asked to show; active-use ones are flagged. */
export function SceneEvents({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t, i18n } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const sceneId = snapshot.directive.scene.sceneId;
  const events = findScene(sceneId)?.events ?? [];
  const disabled = snapshot.status !== 'open' || snapshot.phase !== 'running' || snapshot.directive.stopped;

  return (
    <section className="panel" aria-labelledby="events-h">
      <h2 id="events-h">
        {t('events.title')} <span className="muted small">{sceneTitle(sceneId, i18n.language)}</span>
      </h2>
      {events.length === 0 ? (
        <p className="muted">{t('events.none')}</p>
      ) : (
        <>
          <ul className="events">
            {events.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  data-testid={`event-${e.id}`}
                  disabled={disabled}
                  aria-describedby={e.activeUse ? 'active-use-hint' : undefined}
                  onClick={() => void command({ type: 'fireEvent', eventId: e.id })}
                >
                  {pick(e.title, i18n.language)}
                </button>
                {e.activeUse && <span className="tag warn">{t('events.activeUse')}</span>}
              </li>
            ))}
          </ul>
          {events.some((e) => e.activeUse) && (
            <small id="active-use-hint" className="muted">
              {t('events.activeUseHint')}
            </small>
          )}
        </>
      )}
    </section>
  );
}
