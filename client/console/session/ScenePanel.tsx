import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { sceneManifests } from '../../../scenes/manifests';
import { useLiveSession } from '../sessionStore';
import { LevelSlider } from './LevelSlider';

/** Choose a scene and its intensity; the server decides, the headset fades there and reports back. */
export function ScenePanel({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t, i18n } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const fr = i18n.language.startsWith('fr');
  const { scene: wanted, stopped } = snapshot.directive;
  const checking = snapshot.phase !== 'running';
  const disabled = stopped || checking || snapshot.status !== 'open';

  return (
    <section className="panel" aria-labelledby="scene-h">
      <h2 id="scene-h">{t('scene.title')}</h2>
      {checking && snapshot.status === 'open' && <p className="muted">{t('scene.checkHint')}</p>}
      {stopped && !checking && <p className="muted">{t('scene.stoppedHint')}</p>}
      <LevelSlider snapshot={snapshot} disabled={disabled} />
      {sceneManifests.map((m) => (
        <div key={m.id} className="scene-row">
          <div className="scene-name">
            {fr ? m.title.fr : m.title.en}
            {m.role === 'neutral' && <span className="tag">{t('scene.neutral')}</span>}
          </div>
          <div className="levels" role="group" aria-label={fr ? m.title.fr : m.title.en}>
            {m.levels.map((l) => {
              const active = wanted.sceneId === m.id && wanted.level === l.level;
              return (
                <button
                  key={l.level}
                  type="button"
                  data-testid={`level-${m.id}-${l.level}`}
                  aria-pressed={active}
                  title={fr ? l.title.fr : l.title.en}
                  disabled={disabled}
                  onClick={() => void command({ type: 'setScene', sceneId: m.id, level: l.level })}
                >
                  {l.level}
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </section>
  );
}
