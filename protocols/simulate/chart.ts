import type { SimulationResult } from './simulate';

// A dependency-free SVG chart of a simulated session: craving over time (line and rated dots), the shown
// level as a step line on a secondary axis, active-use windows as shaded bands, deferred prompts, and
// the protocol's step boundaries. Sized for 1000×420.

export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

const COLORS = {
  craving: '#d9480f',
  rating: '#862e00',
  level: '#1c7ed6',
  activeUse: '#e03131',
  deferred: '#7048e8',
  unanswered: '#868e96',
  step: '#495057',
  grid: '#e9ecef',
  axis: '#343a40',
  text: '#212529',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 10) / 10).toString();

/** A tick step (in ms) giving about `target` ticks over `span` ms. */
function timeStep(span: number, target: number): number {
  const candidates = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600].map((s) => s * 1000);
  return candidates.find((c) => span / c <= target) ?? candidates.at(-1)!;
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function renderChart(result: SimulationResult, opts: ChartOptions = {}): string {
  const W = opts.width ?? 1000;
  const H = opts.height ?? 420;
  const m = { left: 62, right: 58, top: 98, bottom: 46 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const span = Math.max(result.durationMs, result.samples.at(-1)?.t ?? 0, 60_000);
  const x = (t: number) => m.left + (Math.min(Math.max(t, 0), span) / span) * pw;
  const yC = (v: number) => m.top + ph - (Math.min(Math.max(v, 0), 100) / 100) * ph;
  // Level 4 sits a little under the top so the step line does not run along the frame.
  const yL = (l: number) => m.top + ph - (l / 4.4) * ph;
  const rows = result.timeline;
  const out: string[] = [];

  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  const title = opts.title ?? `${result.protocolId} — ${result.profile} patient`;
  out.push(`<text x="${m.left}" y="22" font-size="15" font-weight="600" fill="${COLORS.text}">${esc(title)}</text>`);
  const verdict = result.ended ? `ended after ${clock(result.durationMs)}` : `did not end within ${clock(result.durationMs)}`;
  out.push(`<text x="${W - m.right}" y="22" font-size="12" text-anchor="end" fill="${COLORS.step}">${esc(verdict)}</text>`);

  // Plot area, grid and clip.
  out.push(`<defs><clipPath id="plot"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath></defs>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="#fcfcfd" stroke="none"/>`);
  const grid: string[] = [];
  for (let v = 0; v <= 100; v += 20) grid.push(`M${m.left} ${n(yC(v))}H${m.left + pw}`);
  out.push(`<path d="${grid.join('')}" stroke="${COLORS.grid}" stroke-width="1" fill="none"/>`);

  // Active-use windows of the shown level.
  const bands = rows.filter((r) => r.kind === 'activeUse' && r.end !== undefined);
  out.push(`<g class="active-use" clip-path="url(#plot)" fill="${COLORS.activeUse}" fill-opacity="0.16">`);
  for (const b of bands) out.push(`<rect x="${n(x(b.t))}" y="${m.top}" width="${n(Math.max(1, x(b.end!) - x(b.t)))}" height="${ph}"><title>${esc(`active use ${b.details}`)}</title></rect>`);
  out.push('</g>');

  // Step boundaries with labels, staggered on three rows above the plot so they do not overlap.
  const steps = rows.filter((r) => r.kind === 'step.started' && r.step);
  const lastLabelEnd = [-Infinity, -Infinity, -Infinity];
  out.push(`<g class="steps">`);
  for (const s of steps) {
    const st = s.step!;
    const sx = x(s.t);
    const label = `${st.index + 1} ${st.type === 'exposure' ? `exp L${st.level}` : st.type === 'coping' ? `coping L${st.level}` : st.type}`;
    const width = label.length * 6.2;
    let row = lastLabelEnd.findIndex((end) => sx >= end + 4);
    if (row < 0) row = lastLabelEnd.indexOf(Math.min(...lastLabelEnd));
    lastLabelEnd[row] = sx + width;
    const ly = m.top - 8 - row * 13;
    out.push(`<line x1="${n(sx)}" y1="${n(ly + 3)}" x2="${n(sx)}" y2="${m.top + ph}" stroke="${COLORS.step}" stroke-width="1" stroke-dasharray="4 3" opacity="0.7"/>`);
    out.push(`<text x="${n(sx + 3)}" y="${n(ly)}" font-size="11" fill="${COLORS.step}">${esc(label)}<title>${esc(s.details)}</title></text>`);
  }
  out.push('</g>');

  // Level as a step line (secondary axis 0–4).
  if (result.samples.length) {
    let d = `M${n(x(result.samples[0]!.t))} ${n(yL(result.samples[0]!.level))}`;
    let prev = result.samples[0]!.level;
    for (const s of result.samples.slice(1)) {
      if (s.level !== prev) {
        d += `H${n(x(s.t))}V${n(yL(s.level))}`;
        prev = s.level;
      }
    }
    d += `H${n(x(result.samples.at(-1)!.t))}`;
    out.push(`<path class="level" d="${d}" stroke="${COLORS.level}" stroke-width="2" fill="none" stroke-linejoin="miter" opacity="0.85"/>`);
  }

  // Craving line.
  if (result.samples.length) {
    const d = result.samples.map((s, i) => `${i ? 'L' : 'M'}${n(x(s.t))} ${n(yC(s.craving))}`).join('');
    out.push(`<path class="craving" d="${d}" stroke="${COLORS.craving}" stroke-width="2" fill="none" stroke-linejoin="round"/>`);
  }

  // Deferred prompts: a bracket from when the rating fell due to when it could be asked.
  out.push(`<g class="deferred" fill="${COLORS.deferred}" stroke="${COLORS.deferred}">`);
  const markY = m.top + 9;
  for (const p of rows.filter((r) => r.kind === 'rating.prompted' && r.deferredMs !== undefined && r.deferredMs > 0)) {
    const x1 = x(p.t - p.deferredMs!);
    const x2 = x(p.t);
    out.push(`<line x1="${n(x1)}" y1="${markY}" x2="${n(x2)}" y2="${markY}" stroke-width="2" stroke-dasharray="3 2"/>`);
    out.push(`<path d="M${n(x1 - 5)} ${markY - 6}h10l-5 7z" stroke="none"><title>${esc(`prompt deferred ${(p.deferredMs! / 1000).toFixed(1)} s`)}</title></path>`);
    out.push(`<circle cx="${n(x2)}" cy="${markY}" r="3" stroke="none"/>`);
  }
  out.push('</g>');

  // Prompts that went unanswered or were cancelled.
  out.push(`<g class="missed" stroke="${COLORS.unanswered}" stroke-width="2">`);
  for (const p of rows.filter((r) => r.kind === 'rating.unanswered' || r.kind === 'rating.cancelled')) {
    const px = x(p.t);
    out.push(`<path d="M${n(px - 4)} ${markY + 10}l8 8m0 -8l-8 8"><title>${esc(`${p.kind} ${p.details}`)}</title></path>`);
  }
  out.push('</g>');

  // Ratings as dots.
  out.push(`<g class="ratings" fill="${COLORS.rating}" stroke="#ffffff" stroke-width="1.5">`);
  for (const r of rows.filter((x) => x.kind === 'rating.recorded' && x.value !== undefined)) {
    out.push(`<circle cx="${n(x(r.t))}" cy="${n(yC(r.value!))}" r="4.5"><title>${esc(`${clock(r.t)} rated ${r.details}`)}</title></circle>`);
  }
  out.push('</g>');

  // Axes.
  const axis: string[] = [];
  axis.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="${COLORS.axis}" stroke-width="1"/>`);
  for (let v = 0; v <= 100; v += 20) {
    axis.push(`<line x1="${m.left - 5}" y1="${n(yC(v))}" x2="${m.left}" y2="${n(yC(v))}" stroke="${COLORS.axis}"/>`);
    axis.push(`<text x="${m.left - 8}" y="${n(yC(v) + 4)}" text-anchor="end" fill="${COLORS.text}">${v}</text>`);
  }
  for (let l = 0; l <= 4; l++) {
    axis.push(`<line x1="${m.left + pw}" y1="${n(yL(l))}" x2="${m.left + pw + 5}" y2="${n(yL(l))}" stroke="${COLORS.level}"/>`);
    axis.push(`<text x="${m.left + pw + 8}" y="${n(yL(l) + 4)}" fill="${COLORS.level}">${l}</text>`);
  }
  const stepMs = timeStep(span, 12);
  for (let t = 0; t <= span + 1; t += stepMs) {
    axis.push(`<line x1="${n(x(t))}" y1="${m.top + ph}" x2="${n(x(t))}" y2="${m.top + ph + 5}" stroke="${COLORS.axis}"/>`);
    axis.push(`<text x="${n(x(t))}" y="${m.top + ph + 18}" text-anchor="middle" fill="${COLORS.text}">${clock(t)}</text>`);
  }
  axis.push(`<text x="${m.left + pw / 2}" y="${H - 8}" text-anchor="middle" fill="${COLORS.text}">time (min:s)</text>`);
  axis.push(`<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" fill="${COLORS.craving}">craving (VAS 0–100)</text>`);
  axis.push(`<text transform="translate(${W - 14} ${m.top + ph / 2}) rotate(90)" text-anchor="middle" fill="${COLORS.level}">cue level (0–4)</text>`);
  out.push(`<g class="axes">${axis.join('')}</g>`);

  // Legend, on one line under the title.
  const ly = 44;
  let lx = m.left;
  const legend: string[] = [];
  const add = (symbol: string, label: string) => {
    legend.push(`<g transform="translate(${n(lx)} ${ly})">${symbol}<text x="24" y="4" fill="${COLORS.text}">${esc(label)}</text></g>`);
    const w = 24 + label.length * 6.4 + 18;
    lx += w;
  };
  add(`<line x1="0" y1="0" x2="18" y2="0" stroke="${COLORS.craving}" stroke-width="2"/>`, 'craving');
  add(`<circle cx="9" cy="0" r="4.5" fill="${COLORS.rating}"/>`, 'rating');
  add(`<path d="M0 4H9V-4H18" stroke="${COLORS.level}" stroke-width="2" fill="none"/>`, 'shown level');
  add(`<rect x="0" y="-6" width="18" height="12" fill="${COLORS.activeUse}" fill-opacity="0.16"/>`, 'active use on screen');
  add(`<path d="M0 -5h10l-5 7z" fill="${COLORS.deferred}"/><line x1="5" y1="0" x2="18" y2="0" stroke="${COLORS.deferred}" stroke-width="2" stroke-dasharray="3 2"/>`, 'prompt deferred');
  add(`<path d="M5 -4l8 8m0 -8l-8 8" stroke="${COLORS.unanswered}" stroke-width="2"/>`, 'unanswered / cancelled');
  add(`<line x1="9" y1="-7" x2="9" y2="7" stroke="${COLORS.step}" stroke-dasharray="4 3"/>`, 'step start');
  out.push(`<g class="legend" font-size="12">${legend.join('')}</g>`);

  out.push('</svg>');
  return out.join('\n');
}
