import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry, Rating, SessionSummary } from '../../../contract';
import { findScene } from '../../../scenes/manifests';
import { formatDateTime } from '../../common/format';
import { api, download } from '../api';
import { AttentionTable } from '../attention/AttentionTable';
import { CravingChart } from '../chart/CravingChart';
import { chartSeries } from '../chart/series';
import { sceneTitle } from '../session/sceneTitle';
import { mmss } from '../session/text';
import { ProgressChart } from './ProgressChart';
import './report.css';

interface Loaded {
  summary: SessionSummary;
  log: LogEntry[];
  ratings: Rating[];
}

const EXPORTS = ['csv', 'json', 'fhir'] as const;

/** The printable after-session report: figures, chart, levels, attention, overrides, notes, exports. */
export function ReportScreen({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language;

  useEffect(() => {
    Promise.all([
      api<SessionSummary>(`/sessions/${sessionId}/summary`),
      api<LogEntry[]>(`/sessions/${sessionId}/log`),
      api<Rating[]>(`/sessions/${sessionId}/ratings`),
    ]).then(([summary, log, ratings]) => setData({ summary, log, ratings }), (err: Error) => setError(err.message));
  }, [sessionId]);

  const series = useMemo(
    () =>
      data &&
      chartSeries({
        t0: data.summary.createdAt,
        now: data.summary.endedAt ?? Date.now(),
        log: data.log,
        ratings: data.ratings,
        baseline: data.summary.baseline,
        ceiling: data.summary.ceiling,
        findScene,
      }),
    [data],
  );

  if (error) return <p role="alert" className="error">{t('errors.generic', { message: error })}</p>;
  if (!data || !series) return <p className="muted">{t('report.loading')}</p>;
  const s = data.summary;
  const byLevel = [...new Set(s.attention.map((a) => `${a.sceneId}|${a.level}`))];
  const figure = (v: number | null) => (v === null ? '—' : `${v}/100`);

  return (
    <article className="report" data-testid="report">
      <div className="report-head no-print">
        <a href={`#/session/${sessionId}`}>{t('report.back')}</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </div>
      <h1>{t('report.title', { code: s.patientCode })}</h1>
      <dl className="report-meta">
        <div>
          <dt>{t('report.date')}</dt>
          <dd>{formatDateTime(s.createdAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('report.protocol')}</dt>
          <dd>{s.protocol ? `${s.protocol.id} v${s.protocol.version}` : t('report.byHand')}</dd>
        </div>
        <div>
          <dt>{t('report.status')}</dt>
          <dd>{t(`report.status_${s.status}`)}</dd>
        </div>
      </dl>

      <section className="report-section">
        <h2>{t('report.figures')}</h2>
        <dl className="figures" data-testid="report-figures">
          {(['baseline', 'peak', 'end'] as const).map((k) => (
            <div key={k} data-figure={k} data-value={s[k] ?? ''}>
              <dt>{t(`report.${k}`)}</dt>
              <dd>{figure(s[k])}</dd>
            </div>
          ))}
          <div data-figure="ratings" data-value={s.ratingCount}>
            <dt>{t('report.ratings')}</dt>
            <dd>{s.ratingCount}</dd>
          </div>
        </dl>
        <CravingChart series={series} />
      </section>

      <ProgressChart patientId={s.patientId} />

      <section className="report-section">
        <h2>{t('report.levels')}</h2>
        {s.levels.length === 0 ? (
          <p className="muted">{t('report.noLevels')}</p>
        ) : (
          <table className="grid" data-testid="report-levels">
            <thead>
              <tr>
                <th scope="col">{t('report.scene')}</th>
                <th scope="col">{t('report.level')}</th>
                <th scope="col">{t('report.shown')}</th>
                <th scope="col">{t('report.levelPeak')}</th>
                <th scope="col">{t('report.habituation')}</th>
              </tr>
            </thead>
            <tbody>
              {s.levels.map((l) => (
                <tr key={`${l.sceneId}-${l.level}`} data-level={l.level} data-habituation-ms={l.habituationMs ?? ''}>
                  <td>{sceneTitle(l.sceneId, lang)}</td>
                  <td>{l.level}</td>
                  <td>{mmss(Math.round(l.shownMs / 1000))}</td>
                  <td>{figure(l.peak)}</td>
                  <td>{l.habituationMs === null ? t('report.notHabituated') : mmss(Math.round(l.habituationMs / 1000))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted small">{t('report.habituationHelp', { margin: s.margin })}</p>
      </section>

      <section className="report-section">
        <h2>{t('report.attention')}</h2>
        {byLevel.length === 0 && <p className="muted">{t('report.noAttention')}</p>}
        {byLevel.map((k) => {
          const [sceneId, level] = k.split('|') as [string, string];
          const rows = s.attention.filter((a) => a.sceneId === sceneId && a.level === Number(level));
          return <AttentionTable key={k} rows={rows} caption={t('attention.level', { scene: sceneTitle(sceneId, lang), level })} />;
        })}
      </section>

      <section className="report-section">
        <h2>{t('report.overrides')}</h2>
        {s.overrides.length === 0 ? (
          <p className="muted">{t('report.noOverrides')}</p>
        ) : (
          <ul className="report-list" data-testid="report-overrides">
            {s.overrides.map((o) => (
              <li key={o.seq}>
                <time>{formatDateTime(o.at, lang)}</time> {t(`logType.${o.type.replace(/\./g, '_')}`, { defaultValue: o.type })}
                {o.reason && (
                  <>
                    {' — '}
                    {t('report.reason')}: “{o.reason}”
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="report-section">
        <h2>{t('report.notes')}</h2>
        {s.notes.length === 0 ? (
          <p className="muted">{t('report.noNotes')}</p>
        ) : (
          <ul className="report-list">
            {s.notes.map((n) => (
              <li key={n.seq}>
                <time>{formatDateTime(n.at, lang)}</time> {n.text}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="report-section no-print">
        <h2>{t('report.exports')}</h2>
        <div className="actions">
          {EXPORTS.map((f) => (
            <button key={f} type="button" onClick={() => void download(`/sessions/${sessionId}/export?format=${f}`).catch((e: Error) => setError(e.message))}>
              {t(`report.export_${f}`)}
            </button>
          ))}
        </div>
      </section>
    </article>
  );
}
