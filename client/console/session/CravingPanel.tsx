import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Rating, RATING_MAX, type RatingScale, type SessionSnapshot } from '../../../contract';
import { formatTime } from '../../common/format';
import { useLiveSession } from '../sessionStore';
import { PendingPrompt } from './PendingPrompt';

/** Ask the headset for a rating, or record one the patient says aloud; every rating is listed live. */
export function CravingPanel({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t, i18n } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const ratings = useLiveSession((s) => s.ratings);
  const log = useLiveSession((s) => s.log);
  // A correction is a later log record; the rating itself is never changed. The latest one counts.
  const corrected = new Map(log.filter((e) => e.type === 'rating.corrected').map((e) => [e.data.ratingId as string, e.data.value as number]));
  const [scale, setScale] = useState<RatingScale>('vas');
  const prompt = snapshot.directive.prompt;
  const open = snapshot.status === 'open';
  const running = open && snapshot.phase === 'running' && !snapshot.directive.stopped;

  const onSpoken = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const value = Number(new FormData(form).get('value'));
    if (await command({ type: 'spokenRating', scale, value })) form.reset();
  };

  return (
    <section className="panel" aria-labelledby="craving-h">
      <h2 id="craving-h">{t('rating.title')}</h2>
      <dl className="figures">
        <div>
          <dt>{t('rating.baseline')}</dt>
          <dd>
            {snapshot.baseline ?? '—'}
            {snapshot.baseline !== null && <small>{t('rating.outOf')}</small>}
          </dd>
        </div>
        <div>
          <dt>{t('rating.last')}</dt>
          <dd>
            {snapshot.lastRating ?? '—'}
            {snapshot.lastRating !== null && <small>{t('rating.outOf')}</small>}
          </dd>
        </div>
      </dl>
      {snapshot.pending && <PendingPrompt pending={snapshot.pending} />}
      {open && snapshot.phase !== 'running' && <p className="muted">{t('rating.checkHint')}</p>}
      {prompt ? (
        <p role="status" className="notice">
          {t('rating.waiting')}
        </p>
      ) : (
        <button
          type="button"
          className="primary"
          data-testid="ask-rating"
          disabled={!running || snapshot.pending !== null}
          onClick={() => void command({ type: 'requestRating', scale: 'vas' })}
        >
          {t('rating.ask')}
        </button>
      )}
      <form className="inline" onSubmit={(e) => void onSpoken(e)}>
        <label>
          {t('rating.spoken')}
          <input name="value" type="number" min={0} max={RATING_MAX[scale]} required disabled={!running} />
        </label>
        <select value={scale} onChange={(e) => setScale(e.target.value as RatingScale)} aria-label="scale" disabled={!running}>
          <option value="vas">{t('rating.scale_vas')}</option>
          <option value="nrs10">{t('rating.scale_nrs10')}</option>
        </select>
        <button type="submit" disabled={!running}>
          {t('rating.record')}
        </button>
      </form>
      {ratings.length === 0 ? (
        <p className="muted">{t('rating.none')}</p>
      ) : (
        <table className="ratings" data-testid="ratings">
          <tbody>
            {[...ratings].reverse().map((r) => (
              <tr key={r.id}>
                <td>{formatTime(r.answeredAt, i18n.language)}</td>
                <td className="value">
                  {corrected.has(r.id) ? (
                    <>
                      <s>{r.value}</s> {corrected.get(r.id)}
                    </>
                  ) : (
                    r.value
                  )}
                  <small>/{RATING_MAX[r.scale]}</small>
                </td>
                <td>{t(`rating.source_${r.source}`)}</td>
                <td className="muted">
                  {r.sceneId} · {r.level}
                </td>
                <td>
                  <CorrectRating rating={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Corrects a mistyped rating with a reason: appended to the log, the original stays visible. */
function CorrectRating({ rating }: { rating: Rating }) {
  const { t } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const [open, setOpen] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const ok = await command({ type: 'correctRating', ratingId: rating.id, value: Number(data.get('value')), reason: String(data.get('reason')) });
    if (ok) setOpen(false);
  };

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('rating.correct')}
      </button>
    );
  }
  return (
    <form className="inline" onSubmit={(e) => void onSubmit(e)}>
      <input name="value" type="number" min={0} max={RATING_MAX[rating.scale]} required aria-label={t('rating.correctValue')} />
      <input name="reason" type="text" minLength={3} maxLength={2000} required placeholder={t('rating.correctReason')} aria-label={t('rating.correctReason')} />
      <button type="submit">{t('rating.correctSave')}</button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('rating.correctCancel')}
      </button>
    </form>
  );
}
