import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { mmss } from '../session/text';
import { alignedData, type ChartSeries } from './series';

// Colours with AA contrast on white; the shading is only a background.
const INK = { craving: '#1f5fa8', level: '#1d6b4f', prompt: '#8a5a00', baseline: '#52606d', ceiling: '#a4161a', axis: '#33414d' };
const ACTIVE_USE_FILL = 'rgba(179, 18, 27, 0.13)';
const HEIGHT = 260;

const noLine: uPlot.Series.PathBuilder = () => null;

/**
 * Craving (0–100) over the session with the level shown as a step line (right axis), active-use
 * windows shaded, prompts marked at the top, baseline and ceiling dashed. The plotted figures are on
 * the element's data-* attributes (and window.cueroomChart) so tests can read what is drawn.
 */
export function CravingChart({ series }: { series: ChartSeries }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(series);
  latest.current = series;
  const data = useMemo(() => alignedData(series), [series]);

  const labels = [t('chart.craving'), t('chart.level'), t('chart.prompts'), t('chart.baseline'), t('chart.ceiling'), t('chart.time')].join('|');
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const [craving, level, prompts, baseline, ceiling, time] = labels.split('|');
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false }, y: { range: [0, 100] }, lvl: { range: [0, 4] } },
      axes: [
        { label: time, stroke: INK.axis, values: (_u, vals) => vals.map((v) => mmss(Math.round(v))) },
        { scale: 'y', label: craving, stroke: INK.axis, values: (_u, vals) => vals.map((v) => String(v)) },
        { scale: 'lvl', side: 1, label: level, stroke: INK.level, grid: { show: false }, incrs: [1], values: (_u, vals) => vals.map((v) => String(v)) },
      ],
      legend: { live: false },
      series: [
        { label: time },
        { label: craving, stroke: INK.craving, width: 2, spanGaps: true, points: { show: true, size: 8, fill: INK.craving } },
        { label: level, scale: 'lvl', stroke: INK.level, width: 2, spanGaps: true, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } },
        { label: prompts, stroke: INK.prompt, paths: noLine, points: { show: true, size: 9, fill: '#fff', width: 2 } },
        { label: baseline, stroke: INK.baseline, width: 1.5, dash: [6, 4], points: { show: false } },
        { label: ceiling, stroke: INK.ceiling, width: 1.5, dash: [2, 4], points: { show: false } },
      ],
      hooks: {
        drawClear: [
          (u) => {
            const { ctx, bbox } = u;
            ctx.save();
            ctx.fillStyle = ACTIVE_USE_FILL;
            for (const w of latest.current.activeUse) {
              const x0 = u.valToPos(w.start, 'x', true);
              const x1 = u.valToPos(w.end, 'x', true);
              ctx.fillRect(x0, bbox.top, Math.max(2, x1 - x0), bbox.height);
            }
            ctx.restore();
          },
        ],
      },
    };
    const u = new uPlot(opts, alignedData(latest.current) as uPlot.AlignedData, el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [labels]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
    Object.assign(window, { cueroomChart: series });
  }, [data, series]);

  const last = series.ratings.at(-1)?.value;
  const levels = [...new Set(series.levels.map((l) => l.level))].join(', ') || '—';
  return (
    <figure
      className="chart"
      data-testid="craving-chart"
      data-ratings={series.ratings.map((r) => r.value).join(',')}
      data-levels={series.levels.map((l) => l.level).join(',')}
      data-active-use={series.activeUse.length}
      data-prompts={series.prompts.length}
      data-baseline={series.baseline ?? ''}
      data-ceiling={series.ceiling ?? ''}
    >
      <div ref={box} className="chart-canvas" role="img" aria-label={t('chart.title')} />
      <figcaption className="muted small">
        {series.ratings.length ? t('chart.summary', { count: series.ratings.length, last: `${last}/100`, levels }) : t('chart.empty')} · {t('chart.activeUse')}
      </figcaption>
    </figure>
  );
}
