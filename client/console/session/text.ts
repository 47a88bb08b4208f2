import type { Bilingual } from '../../../contract';

/** The text in the console's language (French or English). */
export function pick(text: Bilingual, language: string): string {
  return language.startsWith('fr') ? text.fr : text.en;
}

/** Seconds as m:ss (minutes keep counting past 59). */
export function mmss(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
