import { randomUUID } from 'node:crypto';
import type {
  Ack,
  HeadsetDirective,
  HeadsetLink,
  HeadsetTelemetry,
  LogEntry,
  PersonalisationValues,
  Rating,
  ScenePlacement,
  ScreeningFlag,
  SessionSnapshot,
} from '../../contract';
import { proposeNext } from '../../protocols/runtime/proposal';
import { decide, type SessionInput, startState } from '../../protocols/runtime/runtime';
import type { RuntimeContext, SessionState } from '../../protocols/runtime/state';
import { DEFAULT_PRE_SESSION_CHECK, DEFAULT_SAFETY, type Protocol } from '../../protocols/schema';
import { findPersonalisation, findScene, SAFE_SCENE } from '../../scenes/manifests';
import { newId } from '../auth/tokens';
import type { PatientRecord, SessionRecord, Store } from '../store/store';
import { KeyedQueue } from './keyedQueue';

/** What the service tells the outside world after a write is durable. Implemented by the socket adapter. */
export interface SessionOutbox {
  logAppended(sessionId: string, entries: LogEntry[]): void;
  ratingRecorded(rating: Rating): void;
  directive(sessionId: string, directive: HeadsetDirective): void;
  snapshot(snapshot: SessionSnapshot): void;
  ended(sessionId: string): void;
}

export interface WriteMeta {
  id: string;
  kind: string;
}

/** What the patient brings to a new session (see sessionPlan.ts). */
export interface PreparedSession {
  /** Items for the protocol's `scene: hierarchy` steps, in order. */
  hierarchy: ScenePlacement[];
  personalisation: PersonalisationValues;
  /** The patient's screening flags, and those whose warnings the clinician acknowledged for this plan. */
  screening: { flags: ScreeningFlag[]; acknowledged: ScreeningFlag[] };
}

export type DispatchAck = Ack<{ seq: number; revision: number }>;

/**
 * The session service: feeds inputs to the pure runtime in order, stores what it decides (state, log,
 * rating and write id in one transaction), and only then acknowledges and emits. It also keeps the
 * runtime's timers: when the runtime says "wake me at t", a tick is dispatched at t.
 */
export class SessionService {
  private readonly queue = new KeyedQueue();
  private readonly cache = new Map<string, SessionRecord>();
  private readonly links = new Map<string, HeadsetLink>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private outbox: SessionOutbox | null = null;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  attach(outbox: SessionOutbox): void {
    this.outbox = outbox;
  }

  private context(protocol: Protocol | null): RuntimeContext {
    return { protocol, findScene, findPersonalisation, safeScene: SAFE_SCENE, newId: randomUUID };
  }

  async open(
    patient: PatientRecord,
    clinicianId: string,
    protocol: Protocol | null,
    activeUseOverride: string | null,
    prepared: PreparedSession = { hierarchy: [], personalisation: {}, screening: { flags: [], acknowledged: [] } },
  ): Promise<SessionRecord> {
    const id = newId();
    const createdAt = this.now();
    const state = startState({
      protocol,
      patientActiveUse: patient.status === 'active-use',
      activeUseOverride,
      sessionIndex: await this.store.countPatientSessions(patient.id),
      safeScene: SAFE_SCENE,
      hierarchy: prepared.hierarchy,
      personalisation: prepared.personalisation,
    });
    await this.store.createSession(
      { id, organisationId: patient.organisationId, patientId: patient.id, clinicianId, status: 'open', state, protocol, createdAt },
      {
        actor: 'clinician',
        type: 'session.opened',
        data: {
          clinicianId,
          patientId: patient.id,
          protocol: protocol ? { id: protocol.id, version: protocol.version } : null,
          context: state.protocol?.context ?? null,
          ...(activeUseOverride ? { activeUseOverride } : {}),
          ...(prepared.hierarchy.length ? { hierarchy: prepared.hierarchy } : {}),
          ...(Object.keys(prepared.personalisation).length ? { personalisation: prepared.personalisation } : {}),
          ...(prepared.screening.flags.length ? { screeningFlags: prepared.screening.flags, screeningAcknowledged: prepared.screening.acknowledged } : {}),
        },
      },
    );
    return (await this.load(id))!;
  }

  /** After a restart: every open session's headset link is down until it reconnects, and timers resume. */
  async recover(): Promise<void> {
    for (const id of await this.store.listOpenSessionIds()) {
      const s = await this.load(id);
      await this.dispatch(id, s?.state.link.up ? { kind: 'link', up: false } : { kind: 'tick' });
    }
  }

  /** The session as stored, cached: the service is the only writer of sessions. */
  async load(sessionId: string): Promise<SessionRecord | undefined> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached;
    const record = await this.store.findSession(sessionId);
    if (record) this.cache.set(sessionId, record);
    return record;
  }

  link(sessionId: string): HeadsetLink {
    return this.links.get(sessionId) ?? { paired: false, connected: false, immersive: false, fps: null, since: null };
  }

  async snapshot(sessionId: string): Promise<SessionSnapshot | undefined> {
    const s = await this.load(sessionId);
    return s && this.snapshotOf(s);
  }

  private snapshotOf(s: SessionRecord): SessionSnapshot {
    const st = s.state;
    const run = st.protocol;
    const step = run && !run.finished ? s.protocol?.steps[run.stepIndex] : undefined;
    const elapsed = run ? run.stepElapsedMs + (run.runningSince !== null ? this.now() - run.runningSince : 0) : 0;
    return {
      id: s.id,
      patientCode: s.patientCode,
      status: st.status,
      createdAt: s.createdAt,
      phase: st.phase,
      pause: st.pause,
      checkItems: s.protocol?.preSessionCheck ?? DEFAULT_PRE_SESSION_CHECK,
      pending: st.pending,
      protocol: run
        ? {
            id: run.id,
            version: run.version,
            stepIndex: run.stepIndex,
            stepCount: s.protocol?.steps.length ?? 0,
            stepType: step?.type ?? (run.finished ? 'finished' : 'not-started'),
            elapsedSeconds: Math.round(elapsed / 1000),
            hold: run.hold,
            finished: run.finished,
          }
        : null,
      baseline: st.baseline,
      ceiling: (s.protocol?.safety ?? DEFAULT_SAFETY).ceiling,
      lastRating: st.ratings.at(-1)?.value ?? null,
      directive: st.directive,
      applied: st.applied,
      headset: this.link(s.id),
      next: proposeNext(st, s.protocol, this.now()),
    };
  }

  /** Decide, persist, then acknowledge and emit. A retried write id gets its first acknowledgement. */
  dispatch(sessionId: string, input: SessionInput, write?: WriteMeta): Promise<DispatchAck> {
    return this.queue.run(sessionId, async () => {
      const session = await this.load(sessionId);
      if (!session) return { ok: false, error: { code: 'not_found', message: 'no such session' } };
      if (write) {
        const seen = await this.store.findWrite(write.id);
        if (seen && seen.sessionId !== sessionId) {
          return { ok: false, error: { code: 'conflict', message: 'this write id was already used in another session' } };
        }
        if (seen) return { ok: true, data: seen.result as { seq: number; revision: number } };
      }
      if (input.kind === 'tick' && session.state.status !== 'open') return { ok: true, data: { seq: 0, revision: session.state.directive.revision } };
      const before = session.state;
      const at = this.now();
      const decision = decide(before, await this.withCorrectionTarget(sessionId, input), at, this.context(session.protocol));
      if (!decision.ok) return { ok: false, error: { code: decision.code, message: decision.message } };
      // A tick that changed nothing writes nothing.
      const idle = input.kind === 'tick' && decision.records.length === 0 && JSON.stringify(decision.state) === JSON.stringify(before);
      if (idle) {
        this.schedule(sessionId, decision.wakeAt);
        return { ok: true, data: { seq: 0, revision: before.directive.revision } };
      }
      const outcome = await this.store.commit({
        sessionId,
        at,
        state: decision.state,
        records: decision.records,
        write,
        rating: decision.rating,
        ended: decision.ended,
        result: { revision: decision.state.directive.revision },
      });
      if (outcome.duplicate) return { ok: true, data: outcome.result as { seq: number; revision: number } };

      const next: SessionRecord = { ...session, state: decision.state, status: decision.state.status, endedAt: decision.ended ? at : session.endedAt };
      this.cache.set(sessionId, next);
      this.schedule(sessionId, decision.wakeAt);
      this.emit(next, before, outcome.entries, outcome.rating, decision.ended === true);
      return { ok: true, data: outcome.result as { seq: number; revision: number } };
    });
  }

  /** A correction names a stored rating: look it up here, since the runtime does no I/O. */
  private async withCorrectionTarget(sessionId: string, input: SessionInput): Promise<SessionInput> {
    if (input.kind !== 'command' || input.command.type !== 'correctRating') return input;
    const r = await this.store.findRating(input.command.ratingId);
    return r && r.sessionId === sessionId ? { ...input, target: { id: r.id, scale: r.scale, value: r.value } } : input;
  }

  private schedule(sessionId: string, wakeAt: number | null) {
    clearTimeout(this.timers.get(sessionId));
    this.timers.delete(sessionId);
    if (wakeAt === null) return;
    const timer = setTimeout(() => {
      this.timers.delete(sessionId);
      this.dispatch(sessionId, { kind: 'tick' }).catch(this.onError);
    }, Math.max(0, wakeAt - this.now()));
    timer.unref?.();
    this.timers.set(sessionId, timer);
  }

  private emit(next: SessionRecord, before: SessionState, entries: LogEntry[], rating: Rating | null, ended: boolean) {
    const out = this.outbox;
    if (!out) return;
    if (next.state.directive.revision !== before.directive.revision) out.directive(next.id, next.state.directive);
    if (entries.length) out.logAppended(next.id, entries);
    if (rating) out.ratingRecorded(rating);
    out.snapshot(this.snapshotOf(next));
    if (ended) {
      this.links.delete(next.id);
      out.ended(next.id);
    }
  }

  /** Volatile: kept in memory and shown on the console, not stored frame by frame. */
  async updateLink(sessionId: string, patch: Partial<HeadsetLink>): Promise<void> {
    const current = this.link(sessionId);
    const next = { ...current, ...patch };
    const changed = patch.connected !== undefined && patch.connected !== current.connected;
    if (changed) next.since = this.now();
    this.links.set(sessionId, next);
    if (changed) {
      await this.dispatch(sessionId, { kind: 'link', up: patch.connected! });
    } else {
      const s = await this.load(sessionId);
      if (s) this.outbox?.snapshot(this.snapshotOf(s));
    }
  }

  /** Telemetry comes 10–20 times a second: the console hears of it only when mode or frame rate change. */
  async telemetry(sessionId: string, t: HeadsetTelemetry): Promise<void> {
    const current = this.link(sessionId);
    if (current.immersive === t.immersive && current.fps === t.fps) return;
    await this.updateLink(sessionId, { immersive: t.immersive, fps: t.fps });
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
