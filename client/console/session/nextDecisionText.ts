import type { TFunction } from 'i18next';
import type { ClinicianCommand, NextDecision, RuleProgress } from '../../../contract';

/** The existing command that carries out a proposal, if there is one to confirm. */
export function confirmCommand(next: NextDecision): ClinicianCommand | null {
  switch (next.kind) {
    case 'advance':
      return { type: 'advance' };
    case 'stepBack':
      return { type: 'stepBack' };
    case 'washout':
      // The close gate already keeps the patient in wash-out: nothing to confirm.
      return next.reason === 'close-gate' ? null : { type: 'washout' };
    case 'hold':
      return null;
  }
}

/** How the rule stands, in words: "last 2 ratings ≤ 30 — now 45 (1/2)". */
export function ruleText(rule: RuleProgress, t: TFunction): string {
  return t('live.next.rule', {
    rule: t(`live.next.rule_${rule.rule}`),
    limit: rule.limit ?? '—',
    need: rule.need,
    current: rule.current ?? '—',
    have: rule.have,
  });
}

/** The proposal's reason in the console's language, with its figures. */
export function reasonText(next: NextDecision, t: TFunction): string {
  const parts = [t(`live.next.reason_${next.kind}_${next.reason}`)];
  if ((next.kind === 'advance' || next.kind === 'hold') && next.rule) parts.push(ruleText(next.rule, t));
  if (next.kind === 'hold' && next.secondsLeft !== null) parts.push(t('live.next.secondsLeft', { seconds: next.secondsLeft }));
  if ((next.kind === 'stepBack' || next.kind === 'washout') && next.current !== null) parts.push(t('live.next.current', { current: next.current, limit: next.limit ?? '—' }));
  return parts.join(' · ');
}
