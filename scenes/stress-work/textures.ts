import { canvasTexture, seededRandom } from '../kit/materials';
import type { Rect } from '../stress-home/textures';

/*
 * Procedural pictures for the office: carpet tiles, the daytime city through the windows, a screen atlas
 * (the patient's desktop, an email toast, colleagues' spreadsheets, the wall screen idle and with poor figures)
 * and a paper atlas (the written warning, a sticky note, the whiteboard, a poster). Bilingual text or numbers.
 */

export const SCREENS_W = 1024;
export const SCREENS_H = 1024;
export const SCREENS = {
  desktop: [0, 0, 384, 240] as Rect,
  toast: [384, 0, 384, 112] as Rect,
  sheet: [768, 0, 256, 160] as Rect,
  tvIdle: [512, 160, 512, 288] as Rect,
  dashboard: [0, 448, 1024, 576] as Rect,
};

export const PAPERS_W = 512;
export const PAPERS_H = 512;
export const PAPERS = {
  warning: [0, 0, 300, 424] as Rect,
  sticky: [300, 0, 128, 128] as Rect,
  whiteboard: [0, 424, 300, 88] as Rect,
  poster: [300, 128, 212, 300] as Rect,
};

const RED = '#d0202a';
const INK = '#24272c';

function bars(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, n: number, gap: number, seed: number, colour = '#a3a6ad') {
  const rnd = seededRandom(seed);
  ctx.fillStyle = colour;
  for (let i = 0; i < n; i++) ctx.fillRect(x, y + i * gap, w * (0.5 + rnd() * 0.5), Math.max(2, gap * 0.35));
}

function drawDesktop(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, w, h);
  g.addColorStop(0, '#3b6e8f');
  g.addColorStop(1, '#8fb7c9');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  // a spreadsheet window
  ctx.fillStyle = '#f5f6f8';
  ctx.fillRect(18, 14, w - 36, h - 44);
  ctx.fillStyle = '#2f7d4f';
  ctx.fillRect(18, 14, w - 36, 16);
  ctx.strokeStyle = '#d5d8de';
  for (let x = 18; x < w - 18; x += 44) {
    ctx.beginPath();
    ctx.moveTo(x, 30);
    ctx.lineTo(x, h - 30);
    ctx.stroke();
  }
  for (let y = 30; y < h - 30; y += 13) {
    ctx.beginPath();
    ctx.moveTo(18, y);
    ctx.lineTo(w - 18, y);
    ctx.stroke();
  }
  const rnd = seededRandom(61);
  ctx.fillStyle = '#6b6f78';
  for (let y = 34; y < h - 34; y += 13) for (let x = 22; x < w - 40; x += 44) if (rnd() < 0.7) ctx.fillRect(x, y + 3, 18 + rnd() * 16, 5);
  // task bar
  ctx.fillStyle = 'rgba(20,24,30,0.85)';
  ctx.fillRect(0, h - 22, w, 22);
  for (let i = 0; i < 6; i++) {
    ctx.fillStyle = ['#4a90d9', '#e8a33d', '#5bb37a', '#c55', '#8a6fd1', '#ddd'][i]!;
    ctx.fillRect(10 + i * 26, h - 17, 16, 12);
  }
}

function drawToast(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = RED;
  ctx.fillRect(0, 0, 10, h);
  // envelope icon
  ctx.fillStyle = '#2b5fa8';
  ctx.fillRect(26, 28, 64, 46);
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.moveTo(28, 30);
  ctx.lineTo(58, 56);
  ctx.lineTo(88, 30);
  ctx.stroke();
  ctx.fillStyle = RED;
  ctx.beginPath();
  ctx.arc(90, 28, 15, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = '900 22px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('!', 90, 36);
  ctx.textAlign = 'left';
  ctx.fillStyle = INK;
  ctx.font = '800 24px sans-serif';
  ctx.fillText('RH · HR  — URGENT', 110, 40);
  ctx.font = '20px sans-serif';
  ctx.fillText('Convocation · Meeting: 9:00', 110, 70);
  ctx.fillStyle = '#777';
  ctx.font = '16px sans-serif';
  ctx.fillText('Direction · Management', 110, 96);
}

function drawSheet(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#f4f6f8';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#2f5d8a';
  ctx.fillRect(0, 0, w, 14);
  const rnd = seededRandom(67);
  for (let i = 0; i < 7; i++) {
    const bh = 20 + rnd() * 70;
    ctx.fillStyle = ['#4a90d9', '#5bb37a', '#e8a33d'][i % 3]!;
    ctx.fillRect(20 + i * 32, h - 16 - bh, 20, bh);
  }
}

function drawTvIdle(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, w, h);
  g.addColorStop(0, '#1f3b57');
  g.addColorStop(1, '#2e6a7e');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.textAlign = 'center';
  ctx.font = '700 44px sans-serif';
  ctx.fillText('Bienvenue · Welcome', w / 2, h * 0.45);
  ctx.font = '26px sans-serif';
  ctx.fillText('lundi · Monday   09:12', w / 2, h * 0.62);
  ctx.textAlign = 'left';
}

function arrowDown(ctx: CanvasRenderingContext2D, x: number, y: number, s: number) {
  ctx.fillStyle = RED;
  ctx.beginPath();
  ctx.moveTo(x - s * 0.35, y - s);
  ctx.lineTo(x + s * 0.35, y - s);
  ctx.lineTo(x + s * 0.35, y - s * 0.1);
  ctx.lineTo(x + s * 0.7, y - s * 0.1);
  ctx.lineTo(x, y + s * 0.6);
  ctx.lineTo(x - s * 0.7, y - s * 0.1);
  ctx.lineTo(x - s * 0.35, y - s * 0.1);
  ctx.closePath();
  ctx.fill();
}

/** The wall screen's dashboard: the team's figures with the patient's row in red, falling. */
function drawDashboard(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#141a22';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#ffffff';
  ctx.font = '700 40px sans-serif';
  ctx.fillText('Performance · Q3', 36, 60);
  // big red KPI
  ctx.fillStyle = '#2a1316';
  ctx.fillRect(w - 330, 24, 300, 150);
  arrowDown(ctx, w - 275, 100, 50);
  ctx.fillStyle = RED;
  ctx.font = '900 84px sans-serif';
  ctx.fillText('−38 %', w - 230, 128);
  ctx.fillStyle = '#f0b3b6';
  ctx.font = '24px sans-serif';
  ctx.fillText('vs objectif · target', w - 220, 160);
  // line chart falling
  const cx = 36;
  const cy = 110;
  const cw = w - 420;
  const ch = 220;
  ctx.strokeStyle = '#3a4452';
  ctx.lineWidth = 2;
  for (let i = 0; i <= 4; i++) {
    ctx.beginPath();
    ctx.moveTo(cx, cy + (ch * i) / 4);
    ctx.lineTo(cx + cw, cy + (ch * i) / 4);
    ctx.stroke();
  }
  // target line
  ctx.setLineDash([14, 10]);
  ctx.strokeStyle = '#6fbf73';
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.moveTo(cx, cy + ch * 0.2);
  ctx.lineTo(cx + cw, cy + ch * 0.2);
  ctx.stroke();
  ctx.setLineDash([]);
  const pts = [0.25, 0.22, 0.3, 0.28, 0.42, 0.5, 0.47, 0.63, 0.74, 0.92];
  ctx.strokeStyle = RED;
  ctx.lineWidth = 9;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  pts.forEach((p, i) => {
    const x = cx + (cw * i) / (pts.length - 1);
    const y = cy + ch * p;
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
  // ranking
  const rows: [string, string, boolean][] = [
    ['Équipe A · Team A', '+12 %', false],
    ['Équipe B · Team B', '+4 %', false],
    ['Équipe C · Team C', '−2 %', false],
    ['VOUS · YOU', '−38 %', true],
  ];
  rows.forEach(([name, val, bad], i) => {
    const y = 362 + i * 52;
    ctx.fillStyle = bad ? RED : '#222b36';
    ctx.fillRect(36, y, w - 72, 44);
    ctx.fillStyle = '#ffffff';
    ctx.font = `${bad ? 900 : 500} 30px sans-serif`;
    ctx.fillText(`${i + 1}.  ${name}`, 54, y + 32);
    ctx.textAlign = 'right';
    ctx.fillText(val, w - 56, y + 32);
    ctx.textAlign = 'left';
    if (bad) arrowDown(ctx, w - 220, y + 26, 20);
  });
}

function drawScreens(ctx: CanvasRenderingContext2D) {
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, SCREENS_W, SCREENS_H);
  const items: [Rect, (c: CanvasRenderingContext2D, w: number, h: number) => void][] = [
    [SCREENS.desktop, drawDesktop],
    [SCREENS.toast, drawToast],
    [SCREENS.sheet, drawSheet],
    [SCREENS.tvIdle, drawTvIdle],
    [SCREENS.dashboard, drawDashboard],
  ];
  for (const [[x, y, w, h], draw] of items) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.translate(x, y);
    draw(ctx, w, h);
    ctx.restore();
  }
}

function drawWarning(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#fbfaf6';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#1f4e79';
  ctx.fillRect(16, 16, 34, 34);
  ctx.fillStyle = INK;
  ctx.font = '700 14px sans-serif';
  ctx.fillText('Ressources humaines', 58, 30);
  ctx.font = '13px sans-serif';
  ctx.fillText('Human Resources', 58, 46);
  ctx.fillStyle = RED;
  ctx.fillRect(16, 66, w - 32, 74);
  ctx.fillStyle = '#fff';
  ctx.textAlign = 'center';
  ctx.font = '900 29px sans-serif';
  ctx.fillText('AVERTISSEMENT', w / 2, 100);
  ctx.font = '800 20px sans-serif';
  ctx.fillText('WRITTEN WARNING', w / 2, 128);
  ctx.fillStyle = INK;
  ctx.font = '700 16px sans-serif';
  ctx.fillText('Objectifs non atteints', w / 2, 168);
  ctx.fillText('Targets not met', w / 2, 188);
  ctx.textAlign = 'left';
  bars(ctx, 22, 206, w - 44, 8, 15, 71);
  ctx.strokeStyle = RED;
  ctx.lineWidth = 3;
  ctx.strokeRect(20, 336, w - 40, 40);
  ctx.fillStyle = RED;
  ctx.font = '800 15px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('Dernier avertissement · Final warning', w / 2, 362);
  ctx.textAlign = 'left';
  ctx.strokeStyle = '#2b3a6b';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(w - 130, 404);
  ctx.bezierCurveTo(w - 110, 380, w - 90, 420, w - 60, 396);
  ctx.stroke();
}

function drawSticky(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#f7e36b';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#2a2a8a';
  ctx.textAlign = 'center';
  ctx.font = '700 22px sans-serif';
  ctx.fillText('9:00 !', w / 2, 44);
  ctx.font = '16px sans-serif';
  ctx.fillText('mon bureau', w / 2, 74);
  ctx.fillText('my office', w / 2, 96);
  ctx.textAlign = 'left';
}

function drawWhiteboard(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#f7f8f8';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#2f6fb0';
  ctx.lineWidth = 2;
  ctx.strokeRect(16, 14, 60, 26);
  ctx.strokeRect(110, 14, 60, 26);
  ctx.strokeRect(204, 14, 60, 26);
  ctx.beginPath();
  ctx.moveTo(76, 27);
  ctx.lineTo(110, 27);
  ctx.moveTo(170, 27);
  ctx.lineTo(204, 27);
  ctx.stroke();
  bars(ctx, 16, 54, 200, 2, 14, 73, '#3a8a5a');
}

function drawPoster(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#cfe3ea');
  g.addColorStop(1, '#f4efe4');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#5d8f7a';
  ctx.beginPath();
  ctx.moveTo(0, h * 0.75);
  ctx.quadraticCurveTo(w * 0.4, h * 0.45, w, h * 0.7);
  ctx.lineTo(w, h);
  ctx.lineTo(0, h);
  ctx.fill();
  ctx.fillStyle = '#f2c46d';
  ctx.beginPath();
  ctx.arc(w * 0.7, h * 0.3, 26, 0, Math.PI * 2);
  ctx.fill();
}

function drawPapers(ctx: CanvasRenderingContext2D) {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, PAPERS_W, PAPERS_H);
  const items: [Rect, (c: CanvasRenderingContext2D, w: number, h: number) => void][] = [
    [PAPERS.warning, drawWarning],
    [PAPERS.sticky, drawSticky],
    [PAPERS.whiteboard, drawWhiteboard],
    [PAPERS.poster, drawPoster],
  ];
  for (const [[x, y, w, h], draw] of items) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.translate(x, y);
    draw(ctx, w, h);
    ctx.restore();
  }
}

/** Grey-blue carpet tiles, 50 cm, laid alternating direction (use worldUV 1: 2×2 tiles per repeat… at 1 m). */
function drawCarpet(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(79);
  const s = w / 2;
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      const base: [number, number, number] = (r + c) % 2 ? [86, 94, 106] : [80, 88, 100];
      ctx.fillStyle = `rgb(${base[0]},${base[1]},${base[2]})`;
      ctx.fillRect(c * s, r * s, s, s);
      const vertical = (r + c) % 2 === 0;
      for (let i = 0; i < 900; i++) {
        ctx.fillStyle = `rgba(${rnd() < 0.5 ? '255,255,255' : '0,0,0'},${0.05 + rnd() * 0.06})`;
        const x = c * s + rnd() * s;
        const y = r * s + rnd() * s;
        if (vertical) ctx.fillRect(x, y, 1.5, 4 + rnd() * 6);
        else ctx.fillRect(x, y, 4 + rnd() * 6, 1.5);
      }
    }
  }
  ctx.fillStyle = 'rgba(30,34,40,0.35)';
  ctx.fillRect(0, 0, w, 2);
  ctx.fillRect(0, s - 1, w, 2);
  ctx.fillRect(0, 0, 2, h);
  ctx.fillRect(s - 1, 0, 2, h);
}

/** Daytime city across the street, seen from an upper floor. */
function drawCity(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(83);
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#7fb0de');
  g.addColorStop(0.6, '#c7dcec');
  g.addColorStop(1, '#e4ecf1');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  for (let layer = 0; layer < 2; layer++) {
    for (let x = -30; x < w; ) {
      const bw = 60 + rnd() * 120;
      const top = h * (layer ? 0.35 + rnd() * 0.3 : 0.15 + rnd() * 0.3);
      const tone = layer ? 150 + rnd() * 40 : 175 + rnd() * 30;
      ctx.fillStyle = `rgb(${tone * 0.9},${tone * 0.95},${tone})`;
      ctx.fillRect(x, top, bw, h - top);
      ctx.fillStyle = `rgba(60,80,100,${layer ? 0.35 : 0.2})`;
      for (let wy = top + 8; wy < h; wy += 16) ctx.fillRect(x + 4, wy, bw - 8, 7);
      x += bw + (layer ? 8 : 20);
    }
  }
}

export const screensTex = canvasTexture(SCREENS_W, SCREENS_H, drawScreens);
export const papersTex = canvasTexture(PAPERS_W, PAPERS_H, drawPapers);
export const carpetTex = canvasTexture(512, 512, drawCarpet, true);
export const cityTex = canvasTexture(1024, 512, drawCity);
