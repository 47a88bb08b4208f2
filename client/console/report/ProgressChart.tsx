import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ProgressPoint } from '../../../contract';
import { formatDateTime } from '../../common/format';
import { api } from '../api';
import './report.css';

const INK = { baseline: '#52606d', peak: '#a4161a', end: '#1f5fa8', axis: '#33414d' };
const HEIGHT = 220;

/**
 * Extinction over sessions: each session's baseline, peak and end craving, in session order. Standalone:
 * give it a patient id (the patient page mounts it). The figures are also listed in a table.
 */
export function ProgressChart({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const [points, setPoints] = useState<ProgressPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api<ProgressPoint[]>(`/patients/${patientId}/progress`).then(setPoints, (e: Error) => setError(e.message));
  }, [patientId]);

  const labels = [t('report.baseline'), t('chart.progressPeak'), t('chart.progressEnd'), t('chart.progressSession'), t('chart.craving')].join('|');
  useEffect(() => {
    const el = box.current;
    if (!el || !points?.length) return;
    const [baseline, peak, end, session, craving] = labels.split('|');
    const xs = points.map((_, i) => i + 1);
    const u = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: false, range: [0.5, points.length + 0.5] }, y: { range: [0, 100] } },
        axes: [
          { label: session, stroke: INK.axis, incrs: [1], values: (_u, vals) => vals.map((v) => String(v)) },
          { label: craving, stroke: INK.axis },
        ],
        legend: { live: false },
        series: [
          { label: session },
          { label: baseline, stroke: INK.baseline, dash: [6, 4], spanGaps: true, points: { show: true, size: 7 } },
          { label: peak, stroke: INK.peak, width: 2, spanGaps: true, points: { show: true, size: 8, fill: INK.peak } },
          { label: end, stroke: INK.end, width: 2, spanGaps: true, points: { show: true, size: 8, fill: INK.end } },
        ],
      },
      [xs, points.map((p) => p.baseline), points.map((p) => p.peak), points.map((p) => p.end)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(300, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
    };
  }, [points, labels]);

  const dash = (v: number | null) => (v === null ? '—' : String(v));
  return (
    <section className="panel" aria-labelledby="progress-h" data-testid="progress-chart" data-peaks={points?.map((p) => p.peak ?? '').join(',') ?? ''}>
      <h2 id="progress-h">{t('chart.progressTitle')}</h2>
      {error && <p role="alert" className="error">{t('errors.generic', { message: error })}</p>}
      {points && points.length === 0 && <p className="muted">{t('chart.empty')}</p>}
      <div ref={box} className="chart-canvas" role="img" aria-label={t('chart.progressTitle')} hidden={!points?.length} />
      {points && points.length > 0 && (
        <table className="grid">
          <caption className="muted small">{t('chart.progressSummary', { count: points.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.progressSession')}</th>
              <th scope="col">{t('report.date')}</th>
              <th scope="col">{t('report.baseline')}</th>
              <th scope="col">{t('chart.progressPeak')}</th>
              <th scope="col">{t('chart.progressEnd')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={p.sessionId}>
                <td>
                  <a href={`#/session/${p.sessionId}/report`}>{i + 1}</a>
                </td>
                <td>{formatDateTime(p.createdAt, i18n.language)}</td>
                <td>{dash(p.baseline)}</td>
                <td>{dash(p.peak)}</td>
                <td>{dash(p.end)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
