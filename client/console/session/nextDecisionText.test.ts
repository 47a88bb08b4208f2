import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { NextDecision } from '../../../contract';
import { consoleStrings } from '../strings';
import { confirmCommand, reasonText } from './nextDecisionText';

const rule = { rule: 'threshold', limit: 30, current: 45, have: 1, need: 2 } as const;
/** One of every proposal the runtime can make (contract/session.ts NextDecision). */
const EVERY: NextDecision[] = [
  { kind: 'advance', reason: 'rule-met', rule },
  { kind: 'advance', reason: 'near-baseline', rule: { ...rule, rule: 'nearBaseline' } },
  { kind: 'advance', reason: 'on-hold', rule: { ...rule, rule: 'dropFromPeak' } },
  { kind: 'hold', reason: 'habituating', rule, secondsLeft: 120 },
  { kind: 'hold', reason: 'min-time', rule, secondsLeft: 30 },
  { kind: 'hold', reason: 'baseline', rule: null, secondsLeft: 45 },
  { kind: 'hold', reason: 'coping', rule: null, secondsLeft: 60 },
  { kind: 'hold', reason: 'washing-out', rule: { ...rule, rule: 'nearBaseline' }, secondsLeft: null },
  { kind: 'washout', reason: 'ceiling', current: 90, limit: 85 },
  { kind: 'washout', reason: 'max-time', current: 50, limit: null },
  { kind: 'washout', reason: 'close-gate', current: 70, limit: 35 },
  { kind: 'stepBack', reason: 'ceiling', current: 92, limit: 85 },
];

async function translator(lng: 'en' | 'fr') {
  const i18n = createInstance();
  await i18n.init({ resources: consoleStrings, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('the next-decision proposal on the console', () => {
  it('words every machine-readable reason in English and French, with its figures', async () => {
    for (const lng of ['en', 'fr'] as const) {
      const t = await translator(lng);
      for (const next of EVERY) {
        const text = reasonText(next, t);
        expect(text, `${lng} ${next.kind}/${next.reason}`).not.toMatch(/live\.next|undefined|\{\{/);
        expect(t(`live.next.kind_${next.kind}`)).not.toMatch(/live\.next/);
      }
    }
    const en = await translator('en');
    expect(reasonText(EVERY[3]!, en)).toBe('Waiting for habituation. · rule (threshold): last 2 rating(s) ≤ 30 — now 45 (1/2) · 120 s left in the step');
  });

  it('confirms with the existing command that carries the proposal out, and never with an end', () => {
    expect(EVERY.map((n) => confirmCommand(n)?.type ?? null)).toEqual([
      'advance', 'advance', 'advance', null, null, null, null, null, 'washout', 'washout', null, 'stepBack',
    ]);
  });
});
