import { useTranslation } from 'react-i18next';
import type { ScreeningFlag, SessionPlan, TimelineRow } from '../../../contract';
import { sceneTitle } from '../session/sceneTitle';
import { pick } from '../session/text';
import { longest, minutes } from './planText';

/** A protocol's timeline for this patient: a proportional bar, then one line per step. */
function Timeline({ rows }: { rows: TimelineRow[] }) {
  const { t, i18n } = useTranslation();
  const total = longest(rows);
  const duration = (r: TimelineRow) =>
    r.type === 'washout'
      ? t('sessionPlan.durationUpTo', { max: minutes(r.maxSeconds) })
      : r.minSeconds === r.maxSeconds
        ? t('sessionPlan.durationFixed', { min: minutes(r.minSeconds) })
        : t('sessionPlan.duration', { min: minutes(r.minSeconds), max: minutes(r.maxSeconds) });
  const scene = (r: TimelineRow) => (r.sceneId ? `${r.sceneTitle ? pick(r.sceneTitle, i18n.language) : r.sceneId} · L${r.level}` : t('sessionPlan.unresolved'));
  return (
    <>
      <div className="plan-bar" aria-hidden="true">
        {rows.map((r) => (
          <span key={r.index} className={`plan-seg ${r.type}`} style={{ flexGrow: r.maxSeconds }} title={`${t(`sessionPlan.step_${r.type}`)} · ${scene(r)}`} />
        ))}
      </div>
      <ol className="plan-steps">
        {rows.map((r) => (
          <li key={r.index} data-step={r.index}>
            <span className={`plan-type ${r.type}`}>{t(`sessionPlan.step_${r.type}`)}</span>
            <span className="plan-scene">
              {scene(r)}
              {r.levelTitle && <small className="muted"> — {pick(r.levelTitle, i18n.language)}</small>}
              {r.source !== 'fixed' && <span className="tag">{t(`sessionPlan.source_${r.source}`)}</span>}
            </span>
            <span className="muted">{duration(r)}</span>
          </li>
        ))}
      </ol>
      <small className="muted">{t('sessionPlan.total', { max: minutes(total) })}</small>
    </>
  );
}

/** The plan of the session about to start, and the screening warnings the clinician acknowledges. */
export function SessionPlanPreview({ plan, acknowledged, onAcknowledge }: {
  plan: SessionPlan;
  acknowledged: ScreeningFlag[];
  onAcknowledge(flag: ScreeningFlag, on: boolean): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="plan">
      {plan.problem && (
        <p role="alert" className="error">
          {t('sessionPlan.problem', { message: plan.problem })}
        </p>
      )}
      {plan.warnings.length > 0 && (
        <fieldset className="screening">
          <legend>{t('screening.title')}</legend>
          <p className="muted">{t('screening.intro')}</p>
          {plan.warnings.map((w) => (
            <div key={w.flag} className="warning" data-flag={w.flag}>
              <span>
                <strong>{t(`flag.${w.flag}`)}</strong> — {t(`screening.why_${w.why}`)}
              </span>
              <small>{t('screening.scenes', { list: w.scenes.map((s) => `${sceneTitle(s.sceneId, i18n.language)} L${s.level}`).join(', ') })}</small>
              <label className="radio">
                <input type="checkbox" checked={acknowledged.includes(w.flag)} onChange={(e) => onAcknowledge(w.flag, e.target.checked)} />
                {t('screening.acknowledge', { flag: t(`flag.${w.flag}`) })}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {plan.protocol ? (
        <section aria-label={t('sessionPlan.timeline')}>
          <h4>{t('sessionPlan.timeline')}</h4>
          <Timeline rows={plan.timeline} />
        </section>
      ) : (
        <p className="muted">{t('sessionPlan.byHand')}</p>
      )}
      <section aria-label={t('sessionPlan.checks')}>
        <h4>{t('sessionPlan.checks')}</h4>
        <ul className="plan-checks">
          {plan.checkItems.map((c) => (
            <li key={c.id}>
              {pick(c.text, i18n.language)} <small className="muted">({t('sessionPlan.blocksIf', { answer: t(`sessionPlan.answer_${c.blocksIf}`) })})</small>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
