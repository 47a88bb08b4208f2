import type { Page } from 'playwright-core';

export interface ContrastProblem {
  text: string;
  ratio: number;
  needed: number;
  colour: string;
  background: string;
}

/**
 * WCAG 2.1 AA contrast of every visible text in the page: the text colour (with its opacity) against the
 * first opaque background behind it, walking up the ancestors. 4.5:1 for body text, 3:1 for large text
 * (≥ 24 px, or ≥ 18.66 px bold). Disabled controls are exempt, as WCAG allows; text over images or
 * canvases (the mirror, the charts' drawings) is not judged.
 */
export function contrastProblems(page: Page, within = 'main'): Promise<ContrastProblem[]> {
  return page.evaluate((selector) => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a] = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r!, g!, b!, a ?? 1];
    };
    const over = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3];
      return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
    };
    const luminance = ([r, g, b]: RGBA) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    /** The colour behind an element: its own and its ancestors' backgrounds, composed down to white. */
    const backgroundOf = (el: Element): RGBA | null => {
      const layers: RGBA[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const st = getComputedStyle(e);
        if (st.backgroundImage !== 'none' || e instanceof HTMLCanvasElement || e instanceof HTMLImageElement) return null;
        const c = parse(st.backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let bg: RGBA = [255, 255, 255, 1];
      for (const l of layers.reverse()) bg = over(l, bg);
      return bg;
    };
    const root = document.querySelector(selector) ?? document.body;
    const problems: ContrastProblem[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent?.trim()) continue;
      seen.add(el);
      if (el.closest('[disabled], [aria-disabled=true], .sr-only, svg')) continue;
      const box = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || st.visibility === 'hidden' || Number(st.opacity) === 0) continue;
      const bg = backgroundOf(el);
      if (!bg) continue;
      const fg = over(parse(st.color), bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(st.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed) problems.push({ text: n.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, needed, colour: st.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})` });
    }
    return problems;
  }, within);
}
