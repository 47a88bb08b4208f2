import { seededRandom } from '../kit/materials';

/* Small canvas-drawing helpers shared by the crack-room, open-drug-scene and injection-flat textures. */

export function grain(ctx: CanvasRenderingContext2D, x0: number, y0: number, w: number, h: number, seed: number, amount = 0.06, n = 0) {
  const rnd = seededRandom(seed);
  const count = n || (w * h) / 40;
  for (let i = 0; i < count; i++) {
    ctx.fillStyle = rnd() < 0.5 ? `rgba(255,255,255,${amount})` : `rgba(0,0,0,${amount})`;
    ctx.fillRect(x0 + rnd() * w, y0 + rnd() * h, 1 + rnd() * 2, 1 + rnd() * 2);
  }
}

export function blotch(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, color: string, alpha: number) {
  const g = ctx.createRadialGradient(x, y, 0, x, y, r);
  g.addColorStop(0, color.replace('A', String(alpha)));
  g.addColorStop(1, color.replace('A', '0'));
  ctx.fillStyle = g;
  ctx.fillRect(x - r, y - r, r * 2, r * 2);
}

/** Spray-paint tag: glow, outline, fill and a few drips. */
export function tag(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, size: number, fill: string, outline: string, rot = -0.08, font = 'bold') {
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate(rot);
  ctx.transform(1, 0, -0.25, 1, 0, 0);
  ctx.font = `${font} ${size}px "Arial Black", Impact, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.shadowColor = fill;
  ctx.shadowBlur = size * 0.15;
  ctx.lineWidth = size * 0.16;
  ctx.strokeStyle = outline;
  ctx.strokeText(text, 0, 0);
  ctx.shadowBlur = 0;
  ctx.fillStyle = fill;
  ctx.fillText(text, 0, 0);
  const rnd = seededRandom(text.length * 13 + Math.round(x));
  ctx.strokeStyle = fill;
  ctx.lineWidth = Math.max(1.5, size * 0.03);
  const m = ctx.measureText(text).width;
  for (let i = 0; i < 4; i++) {
    const dx = (rnd() - 0.5) * m;
    ctx.beginPath();
    ctx.moveTo(dx, size * 0.3);
    ctx.lineTo(dx, size * 0.3 + size * (0.2 + rnd() * 0.6));
    ctx.stroke();
  }
  ctx.restore();
}

