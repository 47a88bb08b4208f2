import { useTranslation } from 'react-i18next';
import type { LogEntry, SessionSnapshot } from '../../../contract';
import { findScene } from '../../../scenes/manifests';
import { sceneTitle } from '../session/sceneTitle';
import { AttentionTable } from './AttentionTable';
import { dwellAt } from './dwell';

/** Live: where the patient's head has pointed at the level on show, from the log's attention records. */
export function AttentionPanel({ snapshot, log }: { snapshot: SessionSnapshot; log: readonly LogEntry[] }) {
  const { t, i18n } = useTranslation();
  const shown = snapshot.applied?.scene;
  const rows = shown ? dwellAt(log, findScene(shown.sceneId), shown.sceneId, shown.level) : [];
  return (
    <section className="panel" aria-labelledby="attention-h" data-testid="attention-panel">
      <h2 id="attention-h">{t('attention.title')}</h2>
      {shown && rows.length ? (
        <AttentionTable rows={rows} caption={t('attention.level', { scene: sceneTitle(shown.sceneId, i18n.language), level: shown.level })} />
      ) : (
        <p className="muted">{t('attention.none')}</p>
      )}
    </section>
  );
}
