import type { ClinicianCommand } from '../../contract';
import { findPersonalisation, findScene, SAFE_SCENE } from '../../scenes/manifests';
import type { Protocol, ProtocolInput } from '../schema';
import { Protocol as ProtocolSchema } from '../schema';
import { decide, type SessionInput, type StartOptions, startState } from './runtime';
import type { Decision, RuntimeContext, SessionState } from './state';

// Shared by the runtime's tests: a context with deterministic ids, and a tiny driver.

export function testContext(protocol: Protocol | null): RuntimeContext {
  let n = 0;
  return {
    protocol,
    findScene,
    findPersonalisation,
    safeScene: SAFE_SCENE,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
}

export function protocolOf(p: Partial<ProtocolInput> & Pick<ProtocolInput, 'steps'>): Protocol {
  return ProtocolSchema.parse({
    id: 'test',
    version: 1,
    title: { fr: 'Test', en: 'Test' },
    substance: 'alcohol',
    patientTexts: { welcome: { fr: 'a', en: 'a' }, ratingQuestion: { fr: 'a', en: 'a' }, pause: { fr: 'a', en: 'a' } },
    scale: { kind: 'vas' },
    safety: { ceiling: 60, baselineMargin: 15 },
    preSessionCheck: [{ id: 'intoxicated', text: { fr: 'a', en: 'a' }, blocksIf: 'yes' }],
    ...p,
  });
}

let writes = 0;
export const wid = () => `10000000-0000-4000-8000-${String(++writes).padStart(12, '0')}`;

/** Runs inputs through the runtime, keeping the state; throws on a refused input unless allowed. */
export class Driver {
  state: SessionState;
  records: { at: number; type: string; data: Record<string, unknown> }[] = [];
  now: number;
  last: Decision | null = null;

  constructor(
    readonly ctx: RuntimeContext,
    opts: Pick<StartOptions, 'hierarchy' | 'personalisation'> & { patientActiveUse?: boolean; override?: string | null; t0?: number; sessionIndex?: number } = {},
  ) {
    this.now = opts.t0 ?? 1_700_000_000_000;
    this.state = startState({
      protocol: ctx.protocol,
      patientActiveUse: opts.patientActiveUse ?? false,
      activeUseOverride: opts.override ?? null,
      sessionIndex: opts.sessionIndex ?? 0,
      safeScene: SAFE_SCENE,
      hierarchy: opts.hierarchy,
      personalisation: opts.personalisation,
    });
  }

  send(input: SessionInput, { allowRefusal = false } = {}): Decision {
    const d = decide(this.state, input, this.now, this.ctx);
    this.last = d;
    if (!d.ok) {
      if (!allowRefusal) throw new Error(`refused: ${d.message}`);
      return d;
    }
    this.state = d.state;
    for (const r of d.records) this.records.push({ at: this.now, type: r.type, data: r.data });
    return d;
  }

  command(command: ClinicianCommand, opts?: { allowRefusal?: boolean }) {
    return this.send({ kind: 'command', writeId: wid(), command }, opts);
  }

  /** The headset settles on whatever the directive says, `sinceMs` after it started showing it. */
  applyDirective(sinceMs = 0) {
    const { revision, scene } = this.state.directive;
    return this.send({ kind: 'applied', report: { id: wid(), revision, scene, sinceMs } });
  }

  /** Moves time forward, feeding ticks at every wake-up the runtime asks for on the way. */
  advance(ms: number) {
    const end = this.now + ms;
    for (let i = 0; i < 100_000; i++) {
      if (this.state.status === 'ended') {
        this.now = end;
        return;
      }
      const d = this.last && this.last.ok ? this.last.wakeAt : null;
      const next = d !== null && d <= end ? Math.max(d, this.now) : end;
      this.now = next;
      this.send({ kind: 'tick' });
      if (next >= end) return;
    }
  }

  answer(value: number) {
    const p = this.state.directive.prompt;
    if (!p) throw new Error('no prompt open');
    return this.send({ kind: 'rating', submission: { id: wid(), promptId: p.promptId, value } });
  }

  types(): string[] {
    return this.records.map((r) => r.type);
  }
}
