import { canvasTexture, seededRandom } from '../kit/materials';

/*
 * Procedural pictures for the kitchen: floor and wall tiles, the evening view through the window, a paper
 * atlas (bills, final notices, the opened letter, calendar, a child's drawing, the clock, a photo) and a phone
 * screen atlas (lock screen, missed calls, incoming call). Text is bilingual (French / English) or numbers.
 */

export type Rect = [number, number, number, number]; // x, y, w, h in canvas pixels

export const PAPER_W = 1024;
export const PAPER_H = 1024;
export const PAPER = {
  bill: [0, 0, 256, 362] as Rect,
  notice: [256, 0, 256, 362] as Rect,
  envelopeUrgent: [512, 0, 362, 181] as Rect,
  envelope: [512, 181, 362, 181] as Rect,
  letter: [0, 362, 460, 650] as Rect,
  calendar: [460, 362, 300, 420] as Rect,
  drawing: [760, 362, 264, 200] as Rect,
  clock: [760, 562, 264, 264] as Rect,
  photo: [460, 782, 300, 220] as Rect,
  receipt: [874, 0, 150, 362] as Rect,
};

export const SCREEN_W = 1024;
export const SCREEN_H = 512;
export const SCREEN = {
  lock: [0, 0, 256, 512] as Rect,
  missed: [256, 0, 256, 512] as Rect,
  incoming: [512, 0, 256, 512] as Rect,
};

/** Atlas rectangle → [u0, v0, u1, v1] for `mergeParts`' `uvRect`. */
export function uvOf(rect: Rect, w: number, h: number): [number, number, number, number] {
  const [x, y, rw, rh] = rect;
  return [x / w, 1 - (y + rh) / h, (x + rw) / w, 1 - y / h];
}

const RED = '#c4161c';
const INK = '#26282c';

function lines(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, n: number, gap: number, seed: number, colour = '#9a9ca2') {
  const rnd = seededRandom(seed);
  ctx.fillStyle = colour;
  for (let i = 0; i < n; i++) ctx.fillRect(x, y + i * gap, w * (0.55 + rnd() * 0.45), Math.max(2, gap * 0.32));
}

function stamp(ctx: CanvasRenderingContext2D, cx: number, cy: number, w: number, h: number, angle: number, top: string, bottom: string) {
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate(angle);
  ctx.globalAlpha = 0.85;
  ctx.strokeStyle = RED;
  ctx.lineWidth = Math.max(3, h * 0.07);
  ctx.strokeRect(-w / 2, -h / 2, w, h);
  ctx.fillStyle = RED;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = `900 ${Math.round(h * 0.36)}px sans-serif`;
  ctx.fillText(top, 0, -h * 0.18);
  ctx.font = `700 ${Math.round(h * 0.26)}px sans-serif`;
  ctx.fillText(bottom, 0, h * 0.24);
  ctx.restore();
}

function paper(ctx: CanvasRenderingContext2D, w: number, h: number, tint = '#f8f6f0') {
  ctx.fillStyle = tint;
  ctx.fillRect(0, 0, w, h);
  const g = ctx.createLinearGradient(0, 0, w, h);
  g.addColorStop(0, 'rgba(255,255,255,0.25)');
  g.addColorStop(1, 'rgba(0,0,0,0.06)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
}

function drawBill(ctx: CanvasRenderingContext2D, w: number, h: number) {
  paper(ctx, w, h);
  ctx.fillStyle = '#2f6f9f';
  ctx.fillRect(16, 16, 46, 46);
  ctx.fillStyle = INK;
  ctx.font = '700 17px sans-serif';
  ctx.fillText('FACTURE', 72, 34);
  ctx.font = '13px sans-serif';
  ctx.fillText('INVOICE  n° 48213', 72, 54);
  lines(ctx, 16, 86, w - 32, 6, 14, 3);
  ctx.strokeStyle = '#b8bac0';
  ctx.strokeRect(16, 180, w - 32, 110);
  for (let i = 0; i < 5; i++) {
    ctx.fillStyle = '#a0a2a8';
    ctx.fillRect(24, 192 + i * 20, 110, 6);
    ctx.fillRect(w - 80, 192 + i * 20, 52, 6);
  }
  ctx.fillStyle = INK;
  ctx.font = '700 20px sans-serif';
  ctx.textAlign = 'right';
  ctx.fillText('486,20 €', w - 20, 322);
  ctx.textAlign = 'left';
  stamp(ctx, w * 0.36, 328, 120, 40, -0.18, 'IMPAYÉ', 'UNPAID');
}

function drawNotice(ctx: CanvasRenderingContext2D, w: number, h: number) {
  paper(ctx, w, h);
  ctx.fillStyle = RED;
  ctx.fillRect(0, 0, w, 78);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.font = '900 30px sans-serif';
  ctx.fillText('DERNIER AVIS', w / 2, 36);
  ctx.font = '800 22px sans-serif';
  ctx.fillText('FINAL NOTICE', w / 2, 64);
  ctx.fillStyle = INK;
  ctx.font = '700 15px sans-serif';
  ctx.fillText('Montant dû · Amount due', w / 2, 112);
  ctx.fillStyle = RED;
  ctx.font = '900 40px sans-serif';
  ctx.fillText('1 284,50 €', w / 2, 158);
  ctx.textAlign = 'left';
  lines(ctx, 18, 190, w - 36, 6, 15, 5);
  ctx.fillStyle = RED;
  ctx.font = '900 44px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('! ! !', w / 2, 330);
  ctx.textAlign = 'left';
}

function drawEnvelope(urgent: boolean) {
  return (ctx: CanvasRenderingContext2D, w: number, h: number) => {
    paper(ctx, w, h, urgent ? '#f3efe4' : '#e9e1cf');
    // address window
    ctx.fillStyle = 'rgba(200,210,220,0.55)';
    ctx.fillRect(w * 0.45, h * 0.45, w * 0.47, h * 0.34);
    lines(ctx, w * 0.48, h * 0.52, w * 0.4, 3, h * 0.08, urgent ? 7 : 8, '#5b5e66');
    // stamp / franking
    ctx.strokeStyle = '#7b7f88';
    ctx.strokeRect(w - 70, 12, 56, 40);
    if (urgent) {
      stamp(ctx, w * 0.24, h * 0.3, 140, 54, -0.12, 'URGENT', 'DERNIER AVIS');
      ctx.fillStyle = RED;
      ctx.fillRect(0, h - 14, w, 14);
    } else {
      ctx.fillStyle = '#5b5e66';
      ctx.font = '700 16px sans-serif';
      ctx.fillText('TRÉSOR PUBLIC', 16, 34);
    }
  };
}

function drawLetter(ctx: CanvasRenderingContext2D, w: number, h: number) {
  paper(ctx, w, h, '#fbfaf6');
  // letterhead
  ctx.fillStyle = '#23395b';
  ctx.beginPath();
  ctx.arc(42, 44, 22, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = INK;
  ctx.font = '700 19px sans-serif';
  ctx.fillText('Service Recouvrement', 76, 40);
  ctx.font = '15px sans-serif';
  ctx.fillText('Collections Department', 76, 60);
  lines(ctx, w - 170, 24, 150, 3, 14, 11, '#8a8d94');
  // red banner
  ctx.fillStyle = RED;
  ctx.fillRect(20, 96, w - 40, 92);
  ctx.fillStyle = '#fff';
  ctx.textAlign = 'center';
  ctx.font = '900 44px sans-serif';
  ctx.fillText('DERNIER AVIS', w / 2, 140);
  ctx.font = '800 30px sans-serif';
  ctx.fillText('FINAL NOTICE', w / 2, 176);
  // amount
  ctx.fillStyle = INK;
  ctx.font = '700 21px sans-serif';
  ctx.fillText('Montant dû  ·  Amount due', w / 2, 230);
  ctx.fillStyle = RED;
  ctx.font = '900 68px sans-serif';
  ctx.fillText('2 847,60 €', w / 2, 300);
  ctx.fillStyle = INK;
  ctx.font = '700 20px sans-serif';
  ctx.fillText('Avant le · Due by   15/03', w / 2, 338);
  ctx.textAlign = 'left';
  lines(ctx, 28, 366, w - 56, 7, 18, 12);
  // warning box
  ctx.strokeStyle = RED;
  ctx.lineWidth = 4;
  ctx.strokeRect(24, 506, w - 48, 82);
  ctx.fillStyle = RED;
  ctx.font = '800 21px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('8 jours · 8 days', w / 2, 540);
  ctx.font = '700 17px sans-serif';
  ctx.fillText('Poursuites judiciaires · Legal action', w / 2, 570);
  ctx.textAlign = 'left';
  lines(ctx, 28, 606, w * 0.5, 2, 16, 13);
  stamp(ctx, w * 0.7, 440, 190, 70, -0.22, 'IMPAYÉ', 'UNPAID');
}

function drawCalendar(ctx: CanvasRenderingContext2D, w: number, h: number) {
  paper(ctx, w, h, '#ffffff');
  // picture on top: mountains
  const g = ctx.createLinearGradient(0, 0, 0, h * 0.45);
  g.addColorStop(0, '#9cc3e0');
  g.addColorStop(1, '#e3eef5');
  ctx.fillStyle = g;
  ctx.fillRect(12, 12, w - 24, h * 0.45);
  ctx.fillStyle = '#6f8f7a';
  ctx.beginPath();
  ctx.moveTo(12, h * 0.45 + 12);
  ctx.lineTo(w * 0.35, h * 0.16);
  ctx.lineTo(w * 0.55, h * 0.34);
  ctx.lineTo(w * 0.75, h * 0.2);
  ctx.lineTo(w - 12, h * 0.45 + 12);
  ctx.fill();
  ctx.fillStyle = INK;
  ctx.font = '700 22px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('MARS · MARCH', w / 2, h * 0.52);
  ctx.font = '13px sans-serif';
  const x0 = 20;
  const y0 = h * 0.58;
  const cw = (w - 40) / 7;
  const ch = (h * 0.4) / 5;
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < 7; c++) {
      const n = r * 7 + c - 2;
      ctx.strokeStyle = '#d5d7dc';
      ctx.strokeRect(x0 + c * cw, y0 + r * ch, cw, ch);
      if (n >= 1 && n <= 31) {
        ctx.fillStyle = c >= 5 ? '#b04040' : '#555a62';
        ctx.fillText(String(n), x0 + c * cw + cw / 2, y0 + r * ch + 15);
      }
    }
  }
  ctx.textAlign = 'left';
}

function drawDrawing(ctx: CanvasRenderingContext2D, w: number, h: number) {
  paper(ctx, w, h, '#fffdf7');
  ctx.lineWidth = 5;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#f2b632';
  ctx.fillStyle = '#f7c948';
  ctx.beginPath();
  ctx.arc(w * 0.8, h * 0.22, 20, 0, Math.PI * 2);
  ctx.fill();
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * Math.PI * 2;
    ctx.beginPath();
    ctx.moveTo(w * 0.8 + Math.cos(a) * 26, h * 0.22 + Math.sin(a) * 26);
    ctx.lineTo(w * 0.8 + Math.cos(a) * 38, h * 0.22 + Math.sin(a) * 38);
    ctx.stroke();
  }
  ctx.fillStyle = '#6fb35a';
  ctx.fillRect(0, h * 0.8, w, h * 0.2);
  ctx.fillStyle = '#e07050';
  ctx.fillRect(w * 0.2, h * 0.48, w * 0.32, h * 0.34);
  ctx.fillStyle = '#8a4a8a';
  ctx.beginPath();
  ctx.moveTo(w * 0.16, h * 0.5);
  ctx.lineTo(w * 0.36, h * 0.26);
  ctx.lineTo(w * 0.56, h * 0.5);
  ctx.fill();
  ctx.fillStyle = '#5aa0d8';
  ctx.fillRect(w * 0.32, h * 0.62, w * 0.08, h * 0.2);
}

function drawClock(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const r = w / 2;
  ctx.fillStyle = '#2b2b2e';
  ctx.beginPath();
  ctx.arc(r, r, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#f7f4ec';
  ctx.beginPath();
  ctx.arc(r, r, r * 0.9, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#2b2b2e';
  for (let i = 0; i < 60; i++) {
    const a = (i / 60) * Math.PI * 2;
    const big = i % 5 === 0;
    ctx.save();
    ctx.translate(r + Math.sin(a) * r * 0.8, r - Math.cos(a) * r * 0.8);
    ctx.rotate(a);
    ctx.fillRect(-(big ? 3 : 1), -(big ? 9 : 4), big ? 6 : 2, big ? 18 : 8);
    ctx.restore();
  }
  const hand = (a: number, len: number, wd: number, c: string) => {
    ctx.strokeStyle = c;
    ctx.lineWidth = wd;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(r, r);
    ctx.lineTo(r + Math.sin(a) * len, r - Math.cos(a) * len);
    ctx.stroke();
  };
  hand(((9 + 47 / 60) / 12) * Math.PI * 2, r * 0.45, 8, '#2b2b2e');
  hand((47 / 60) * Math.PI * 2, r * 0.68, 5, '#2b2b2e');
  hand((12 / 60) * Math.PI * 2, r * 0.72, 2, RED);
}

function drawPhoto(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#f3c98f');
  g.addColorStop(0.55, '#e7a46f');
  g.addColorStop(0.56, '#5b88a8');
  g.addColorStop(1, '#2f5570');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#fff2c8';
  ctx.beginPath();
  ctx.arc(w * 0.62, h * 0.5, 22, Math.PI, 0);
  ctx.fill();
  ctx.fillStyle = '#2a2a30';
  ctx.beginPath();
  ctx.moveTo(0, h * 0.56);
  ctx.lineTo(w * 0.18, h * 0.4);
  ctx.lineTo(w * 0.32, h * 0.56);
  ctx.fill();
}

function drawReceipt(ctx: CanvasRenderingContext2D, w: number, h: number) {
  paper(ctx, w, h, '#f4f2ec');
  lines(ctx, 12, 20, w - 24, 14, 18, 17, '#8d9098');
  ctx.fillStyle = INK;
  ctx.font = '700 16px monospace';
  ctx.fillText('TOTAL', 12, 300);
  ctx.textAlign = 'right';
  ctx.fillText('-412,37', w - 10, 330);
  ctx.textAlign = 'left';
}

function drawPaperAtlas(ctx: CanvasRenderingContext2D) {
  ctx.fillStyle = '#f4f2ec';
  ctx.fillRect(0, 0, PAPER_W, PAPER_H);
  const items: [Rect, (c: CanvasRenderingContext2D, w: number, h: number) => void][] = [
    [PAPER.bill, drawBill],
    [PAPER.notice, drawNotice],
    [PAPER.envelopeUrgent, drawEnvelope(true)],
    [PAPER.envelope, drawEnvelope(false)],
    [PAPER.letter, drawLetter],
    [PAPER.calendar, drawCalendar],
    [PAPER.drawing, drawDrawing],
    [PAPER.clock, drawClock],
    [PAPER.photo, drawPhoto],
    [PAPER.receipt, drawReceipt],
  ];
  for (const [[x, y, w, h], draw] of items) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.translate(x, y);
    ctx.textBaseline = 'alphabetic';
    draw(ctx, w, h);
    ctx.restore();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Phone screens
// ---------------------------------------------------------------------------------------------------------------

function handset(ctx: CanvasRenderingContext2D, x: number, y: number, s: number, colour: string, angle = 0) {
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate(angle);
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.moveTo(-s, -s * 0.55);
  ctx.quadraticCurveTo(-s * 1.1, s * 0.1, -s * 0.45, s * 0.75);
  ctx.lineTo(-s * 0.15, s * 0.45);
  ctx.lineTo(-s * 0.45, s * 0.1);
  ctx.lineTo(-s * 0.2, -s * 0.2);
  ctx.lineTo(-s * 0.45, -s * 0.75);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

function statusBar(ctx: CanvasRenderingContext2D, w: number) {
  ctx.fillStyle = '#ffffff';
  ctx.font = '600 16px sans-serif';
  ctx.textAlign = 'left';
  ctx.fillText('21:47', 16, 26);
  ctx.fillRect(w - 44, 14, 26, 13);
  ctx.fillRect(w - 18, 18, 3, 5);
}

function drawLock(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, w, h);
  g.addColorStop(0, '#2c3e66');
  g.addColorStop(1, '#6b4f7e');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  statusBar(ctx, w);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.font = '300 74px sans-serif';
  ctx.fillText('21:47', w / 2, 150);
  ctx.font = '18px sans-serif';
  ctx.fillText('mar. 12 · Tue 12', w / 2, 182);
  ctx.fillStyle = 'rgba(255,255,255,0.5)';
  ctx.fillRect(w / 2 - 40, h - 24, 80, 5);
}

function drawMissed(ctx: CanvasRenderingContext2D, w: number, h: number) {
  drawLock(ctx, w, h);
  ctx.fillStyle = 'rgba(0,0,0,0.35)';
  ctx.fillRect(0, 0, w, h);
  statusBar(ctx, w);
  // big badge
  ctx.fillStyle = RED;
  ctx.beginPath();
  ctx.roundRect(18, 52, w - 36, 120, 18);
  ctx.fill();
  handset(ctx, 66, 112, 26, '#ffffff', -0.3);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.font = '900 78px sans-serif';
  ctx.fillText('7', 160, 138);
  ctx.font = '700 13px sans-serif';
  ctx.fillText('appels manqués · missed calls', w / 2, 164);
  // call list
  const rows: [string, string][] = [
    ['Banque · Bank', '21:40'],
    ['Inconnu · Unknown', '21:12'],
    ['+33 1 84 ·· ·· ··', '20:55'],
    ['Recouvrement', '19:30'],
    ['Propriétaire', '18:02'],
  ];
  rows.forEach(([who, when], i) => {
    const y = 192 + i * 52;
    ctx.fillStyle = 'rgba(255,255,255,0.93)';
    ctx.beginPath();
    ctx.roundRect(12, y, w - 24, 46, 10);
    ctx.fill();
    handset(ctx, 34, y + 23, 11, RED, -0.3);
    ctx.fillStyle = RED;
    ctx.textAlign = 'left';
    ctx.font = '700 15px sans-serif';
    ctx.fillText(who, 54, y + 21);
    ctx.fillStyle = '#555';
    ctx.font = '13px sans-serif';
    ctx.fillText(when, 54, y + 39);
  });
  ctx.fillStyle = RED;
  ctx.textAlign = 'center';
  ctx.font = '800 22px sans-serif';
  ctx.fillText('Solde · Balance', w / 2, 472);
  ctx.font = '900 26px sans-serif';
  ctx.fillText('−412,37 €', w / 2, 500);
}

function drawIncoming(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#1d2a3a');
  g.addColorStop(1, '#0c1118');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  statusBar(ctx, w);
  ctx.fillStyle = '#cfd8e3';
  ctx.textAlign = 'center';
  ctx.font = '16px sans-serif';
  ctx.fillText('Appel entrant · Incoming call', w / 2, 70);
  ctx.fillStyle = '#51606f';
  ctx.beginPath();
  ctx.arc(w / 2, 150, 46, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#cfd8e3';
  ctx.font = '900 54px sans-serif';
  ctx.fillText('?', w / 2, 170);
  ctx.fillStyle = '#ffffff';
  ctx.font = '700 26px sans-serif';
  ctx.fillText('Inconnu', w / 2, 240);
  ctx.font = '20px sans-serif';
  ctx.fillText('Unknown', w / 2, 268);
  ctx.fillStyle = '#9fb0c2';
  ctx.font = '17px sans-serif';
  ctx.fillText('+33 1 84 ·· ·· ··', w / 2, 298);
  // decline / accept
  for (const [x, c, a] of [
    [w * 0.27, '#e0342c', 2.2],
    [w * 0.73, '#2fb457', -0.3],
  ] as const) {
    ctx.fillStyle = c;
    ctx.beginPath();
    ctx.arc(x, 420, 34, 0, Math.PI * 2);
    ctx.fill();
    handset(ctx, x + 4, 420, 16, '#ffffff', a);
  }
}

function drawScreenAtlas(ctx: CanvasRenderingContext2D) {
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, SCREEN_W, SCREEN_H);
  for (const [[x, y, w, h], draw] of [
    [SCREEN.lock, drawLock],
    [SCREEN.missed, drawMissed],
    [SCREEN.incoming, drawIncoming],
  ] as const) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.translate(x, y);
    draw(ctx, w, h);
    ctx.restore();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Surfaces
// ---------------------------------------------------------------------------------------------------------------

/** Large warm-grey floor tiles, 4 per tile repeat (use worldUV 0.83 → 30 cm tiles). */
function drawFloor(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(41);
  const n = 4;
  const s = w / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = rnd();
      const base: [number, number, number] = (r + c) % 2 ? [196, 186, 170] : [150, 138, 124];
      ctx.fillStyle = `rgb(${base[0] + v * 10},${base[1] + v * 10},${base[2] + v * 8})`;
      ctx.fillRect(c * s, r * s, s, s);
      for (let k = 0; k < 70; k++) {
        ctx.fillStyle = `rgba(${rnd() < 0.5 ? '255,255,255' : '60,50,40'},${0.04 + rnd() * 0.05})`;
        ctx.fillRect(c * s + rnd() * s, r * s + rnd() * s, 2 + rnd() * 5, 2 + rnd() * 5);
      }
    }
  }
  ctx.fillStyle = 'rgba(70,60,50,0.55)';
  for (let i = 0; i <= n; i++) {
    ctx.fillRect(i * s - 1.5, 0, 3, h);
    ctx.fillRect(0, i * s - 1.5, w, 3);
  }
}

/** White subway tiles, staggered; tile 15×7.5 cm when used with worldUV 1.67 (8 rows, 4 columns). */
function drawSubway(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(43);
  ctx.fillStyle = '#c9c6bf';
  ctx.fillRect(0, 0, w, h);
  const rows = 8;
  const cols = 4;
  const th = h / rows;
  const tw = w / cols;
  for (let r = 0; r < rows; r++) {
    const off = r % 2 ? tw / 2 : 0;
    for (let c = -1; c < cols; c++) {
      const x = c * tw + off + 2;
      const y = r * th + 2;
      const v = 238 + rnd() * 10;
      const g = ctx.createLinearGradient(0, y, 0, y + th - 4);
      g.addColorStop(0, `rgb(${v + 6},${v + 6},${v + 4})`);
      g.addColorStop(1, `rgb(${v - 14},${v - 14},${v - 16})`);
      ctx.fillStyle = g;
      ctx.fillRect(x, y, tw - 4, th - 4);
    }
  }
}

/** Evening street seen through the window: dusk sky, the block opposite with lit windows. */
function drawDusk(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(47);
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#243a63');
  g.addColorStop(0.55, '#6a6f9a');
  g.addColorStop(0.85, '#e0a27a');
  g.addColorStop(1, '#f1c38f');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  for (let x = -20; x < w; ) {
    const bw = 90 + rnd() * 110;
    const top = h * (0.32 + rnd() * 0.25);
    ctx.fillStyle = ['#2b2d3f', '#313447', '#26283a'][Math.floor(rnd() * 3)]!;
    ctx.fillRect(x, top, bw, h - top);
    for (let wy = top + 16; wy < h - 10; wy += 34) {
      for (let wx = x + 12; wx < x + bw - 24; wx += 30) {
        if (rnd() < 0.42) {
          ctx.fillStyle = rnd() < 0.6 ? '#f4c873' : '#d9e4f0';
          ctx.fillRect(wx, wy, 14, 18);
        } else {
          ctx.fillStyle = '#1c1e2c';
          ctx.fillRect(wx, wy, 14, 18);
        }
      }
    }
    x += bw + 6;
  }
}

export const paperTex = canvasTexture(PAPER_W, PAPER_H, drawPaperAtlas);
export const screenTex = canvasTexture(SCREEN_W, SCREEN_H, drawScreenAtlas);
export const floorTileTex = canvasTexture(512, 512, drawFloor, true);
export const subwayTex = canvasTexture(512, 512, drawSubway, true);
export const duskTex = canvasTexture(512, 512, drawDusk);
