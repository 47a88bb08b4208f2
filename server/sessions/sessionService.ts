import type {
  Ack,
  HeadsetDirective,
  HeadsetLink,
  HeadsetTelemetry,
  LogEntry,
  Rating,
  SessionSnapshot,
} from '../../contract';
import { decide, initialSessionState, type SessionInput, type SessionState } from '../../protocols/runtime/sessionCore';
import { newId } from '../auth/tokens';
import type { SessionRecord, Store } from '../store/store';
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

/**
 * The session service: feeds inputs to the pure session core in order, stores what it decides
 * (state, log, rating and write id in one transaction), and only then acknowledges and emits.
 */
export class SessionService {
  private readonly queue = new KeyedQueue();
  private readonly cache = new Map<string, SessionRecord>();
  private readonly links = new Map<string, HeadsetLink>();
  private outbox: SessionOutbox | null = null;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  attach(outbox: SessionOutbox): void {
    this.outbox = outbox;
  }

  async open(organisationId: string, patientId: string, clinicianId: string): Promise<SessionRecord> {
    const id = newId();
    const createdAt = this.now();
    const state = initialSessionState();
    await this.store.createSession(
      { id, organisationId, patientId, clinicianId, status: 'open', state, createdAt },
      { actor: 'clinician', type: 'session.opened', data: { clinicianId, patientId } },
    );
    return (await this.load(id))!;
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
    return {
      id: s.id,
      patientCode: s.patientCode,
      status: s.state.status,
      createdAt: s.createdAt,
      directive: s.state.directive,
      applied: s.state.applied,
      headset: this.link(s.id),
    };
  }

  /** Decide, persist, then acknowledge and emit. A retried write id gets its first acknowledgement. */
  dispatch(sessionId: string, input: SessionInput, write?: WriteMeta): Promise<Ack<{ seq: number; revision: number }>> {
    return this.queue.run(sessionId, async () => {
      const session = await this.load(sessionId);
      if (!session) return { ok: false, error: { code: 'not_found', message: 'no such session' } };
      if (write) {
        const seen = await this.store.findWrite(write.id);
        if (seen?.sessionId !== undefined && seen.sessionId !== sessionId) {
          return { ok: false, error: { code: 'conflict', message: 'this write id was already used in another session' } };
        }
        if (seen) return { ok: true, data: seen.result as { seq: number; revision: number } };
      }
      const before = session.state;
      const decision = decide(before, input, this.now());
      if (!decision.ok) return { ok: false, error: { code: decision.code, message: decision.message } };
      const at = this.now();
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
      this.emit(next, before, outcome.entries, outcome.rating, decision.ended === true);
      return { ok: true, data: outcome.result as { seq: number; revision: number } };
    });
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
    if (patch.connected !== undefined && patch.connected !== current.connected) next.since = this.now();
    this.links.set(sessionId, next);
    if (patch.connected !== undefined && patch.connected !== current.connected) {
      await this.dispatch(sessionId, { kind: 'link', up: patch.connected });
    } else {
      const s = await this.load(sessionId);
      if (s) this.outbox?.snapshot(this.snapshotOf(s));
    }
  }

  telemetry(sessionId: string, t: HeadsetTelemetry): Promise<void> {
    return this.updateLink(sessionId, { immersive: t.immersive, fps: t.fps });
  }
}
