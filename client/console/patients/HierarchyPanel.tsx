import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HierarchyItem, PatientProfileView } from '../../../contract';
import { findScene, sceneManifests } from '../../../scenes/manifests';
import { formatDateTime } from '../../common/format';
import { api } from '../api';
import { pick } from '../session/text';
import { ScenePreview } from './ScenePreview';

/** Levels 1–4 of cue scenes (substance and stress); neutral and relaxation scenes are not rated. */
const ITEMS = sceneManifests.filter((m) => m.role === 'cue').flatMap((m) => m.levels.filter((l) => l.level >= 1).map((l) => ({ scene: m, level: l })));

/**
 * The personal cue hierarchy: the rated situations in ascending order, and every situation of the
 * library (with its preview) to rate with the patient. Scenes of the patient's substances and stress
 * scenes first; the others on request.
 */
export function HierarchyPanel({ patientId, profile, hierarchy, onRated }: {
  patientId: string;
  profile: PatientProfileView;
  hierarchy: HierarchyItem[];
  onRated(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  // Every scene until the patient's substances are known, unless the clinician chose.
  const [showAllChoice, setShowAll] = useState<boolean | null>(null);
  const showAll = showAllChoice ?? profile.substances.length === 0;
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // One write id per value being saved: a retry of the same value is stored once.
  const [writeIds, setWriteIds] = useState<Record<string, { value: number; id: string }>>({});
  const rated = useMemo(() => new Map(hierarchy.map((h) => [`${h.sceneId}/${h.level}`, h])), [hierarchy]);
  const title = (sceneId: string) => pick(findScene(sceneId)?.title ?? { fr: sceneId, en: sceneId }, i18n.language);
  const levelTitle = (sceneId: string, level: number) => {
    const l = findScene(sceneId)?.levels[level];
    return l ? pick(l.title, i18n.language) : '';
  };
  const items = ITEMS.filter(({ scene }) => showAll || scene.substances.includes('none') || scene.substances.some((s) => (profile.substances as string[]).includes(s)));

  const rate = async (e: FormEvent<HTMLFormElement>, sceneId: string, level: number) => {
    e.preventDefault();
    const value = Number(new FormData(e.currentTarget).get('value'));
    const key = `${sceneId}/${level}`;
    const id = writeIds[key]?.value === value ? writeIds[key].id : crypto.randomUUID();
    setWriteIds((w) => ({ ...w, [key]: { value, id } }));
    try {
      await api(`/patients/${patientId}/hierarchy`, { body: { id, sceneId, level, value } });
      setWriteIds(({ [key]: _done, ...rest }) => rest);
      setError(null);
      setStatus(t('cueHierarchy.saved', { scene: title(sceneId), level, value }));
      await onRated();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="panel" aria-labelledby="hierarchy-h">
      <h2 id="hierarchy-h">{t('cueHierarchy.title')}</h2>
      <p className="muted">{t('cueHierarchy.intro')}</p>
      <h3 id="hierarchy-order-h">{t('cueHierarchy.order')}</h3>
      {hierarchy.length === 0 ? (
        <p className="muted">{t('cueHierarchy.empty')}</p>
      ) : (
        <ol className="hierarchy" aria-labelledby="hierarchy-order-h">
          {hierarchy.map((h) => (
            <li key={`${h.sceneId}/${h.level}`} data-item={`${h.sceneId}/${h.level}`}>
              <ScenePreview sceneId={h.sceneId} level={h.level} alt={`${title(h.sceneId)} — ${levelTitle(h.sceneId, h.level)}`} />
              <span>
                <strong>{title(h.sceneId)}</strong> · {t('cueHierarchy.level', { level: h.level })}
                <br />
                <small className="muted">{levelTitle(h.sceneId, h.level)}</small>
              </span>
              <span className="hierarchy-value">{h.value}</span>
            </li>
          ))}
        </ol>
      )}
      <h3>{t('cueHierarchy.rate')}</h3>
      <label className="radio">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
        {t('cueHierarchy.showAll')}
      </label>
      <p role="status" className="muted">
        {status}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="rate-grid">
        {items.map(({ scene, level }) => {
          const key = `${scene.id}/${level.level}`;
          const current = rated.get(key);
          const inputId = `rate-${scene.id}-${level.level}`;
          return (
            <li key={key} data-item={key}>
              <ScenePreview sceneId={scene.id} level={level.level} alt={`${pick(scene.title, i18n.language)} — ${pick(level.title, i18n.language)}`} />
              <form onSubmit={(e) => void rate(e, scene.id, level.level)}>
                <label htmlFor={inputId} id={`${inputId}-label`}>
                  <span>
                    <strong>{pick(scene.title, i18n.language)}</strong> · {t('cueHierarchy.level', { level: level.level })}
                  </span>
                  <small className="muted">{pick(level.title, i18n.language)}</small>
                </label>
                <div className="row">
                  <input
                    id={inputId}
                    name="value"
                    type="number"
                    min={0}
                    max={100}
                    step={1}
                    required
                    defaultValue={current?.value ?? ''}
                    aria-label={t('cueHierarchy.value', { scene: pick(scene.title, i18n.language), level: level.level })}
                  />
                  <button type="submit" aria-describedby={`${inputId}-label`}>
                    {t('cueHierarchy.save')}
                  </button>
                </div>
                <small className="muted">
                  {current
                    ? `${t('cueHierarchy.rated', { value: current.value })} · ${t('cueHierarchy.by', { who: current.ratedBy, when: formatDateTime(current.ratedAt, i18n.language) })}`
                    : t('cueHierarchy.notRated')}
                </small>
              </form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
