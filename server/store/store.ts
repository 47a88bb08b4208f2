import type { Kysely, Transaction } from 'kysely';
import type { LogEntry, Rating, RatingScale, RatingSource, Role } from '../../contract';
import type { LogRecord, RatingRecord, SessionState } from '../../protocols/runtime/state';
import type { Protocol } from '../../protocols/schema';
import { type Backend, backendOf } from './database';
import { type ChainBreak, chainHash, GENESIS, verifyChain } from './hashChain';
import { type MigrateOptions, migrateToLatest } from './migrations';
import type { AccessLogTable, CueHierarchyRatingTable, Database, PatientIdentityTable, PatientProfileTable, ResearchGrantTable, SessionTable } from './schema';

// The only module that talks SQL (with migrations.ts and backup.ts beside it). Callers see plain
// records; the back end (SQLite or PostgreSQL, see database.ts) is chosen by whoever builds the Kysely
// instance.

export interface AccountRecord {
  id: string;
  organisationId: string;
  username: string;
  passwordHash: string;
  roles: Role[];
  /** Read back from the store; null or absent: enabled. */
  disabledAt?: number | null;
  createdAt?: number;
}

export interface TokenRecord {
  kind: 'clinician' | 'device' | 'setup' | 'invite';
  accountId: string | null;
  sessionId: string | null;
  expiresAt: number;
  revokedAt: number | null;
}

export interface PatientRecord {
  id: string;
  organisationId: string;
  code: string;
  status: 'abstinent' | 'active-use';
  createdAt: number;
}

export interface SessionRecord {
  id: string;
  organisationId: string;
  patientId: string;
  patientCode: string;
  clinicianId: string;
  status: 'open' | 'ended';
  state: SessionState;
  protocol: Protocol | null;
  createdAt: number;
  endedAt: number | null;
}

/** One atomic write of the session's durable record: log, state, rating and the client's write id. */
export interface SessionWrite {
  sessionId: string;
  at: number;
  state: SessionState;
  records: LogRecord[];
  /** Client-generated id; absent for server-originated writes (link up/down). */
  write?: { id: string; kind: string };
  rating?: RatingRecord;
  ended?: boolean;
  /** What to acknowledge (and re-acknowledge on a retry); `seq` is filled in by the store. */
  result: Record<string, unknown>;
}

export type CommitOutcome =
  | { duplicate: false; entries: LogEntry[]; rating: Rating | null; result: Record<string, unknown> }
  | { duplicate: true; result: Record<string, unknown> };

/** One session's log chain as the audit sees it: the first break, or null when it verifies. */
export interface ChainReport {
  sessionId: string;
  records: number;
  broken: ChainBreak | null;
}

export class Store {
  readonly backend: Backend;

  constructor(readonly db: Kysely<Database>) {
    this.backend = backendOf(db);
  }

  /** Applies pending migrations (all or nothing); returns their names. */
  migrate(o?: MigrateOptions): Promise<string[]> {
    return migrateToLatest(this.db, o);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  // — organisations and accounts —

  async countAccounts(): Promise<number> {
    const row = await this.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createOrganisation(id: string, name: string, at: number): Promise<void> {
    await this.db.insertInto('organisations').values({ id, name, created_at: at }).execute();
  }

  async createAccount(a: AccountRecord, at: number): Promise<void> {
    await this.db
      .insertInto('accounts')
      .values({
        id: a.id,
        organisation_id: a.organisationId,
        username: a.username,
        password_hash: a.passwordHash,
        roles: JSON.stringify(a.roles),
        created_at: at,
      })
      .execute();
  }

  async findAccountByUsername(username: string): Promise<AccountRecord | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
    return row && toAccount(row);
  }

  async findAccount(id: string): Promise<AccountRecord | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  // — tokens (stored as hashes only) —

  async createToken(hash: string, t: Omit<TokenRecord, 'revokedAt'>, at: number): Promise<void> {
    await this.db
      .insertInto('tokens')
      .values({
        token_hash: hash,
        kind: t.kind,
        account_id: t.accountId,
        session_id: t.sessionId,
        created_at: at,
        expires_at: t.expiresAt,
        revoked_at: null,
      })
      .execute();
  }

  async findToken(hash: string): Promise<TokenRecord | undefined> {
    const row = await this.db.selectFrom('tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return (
      row && {
        kind: row.kind,
        accountId: row.account_id,
        sessionId: row.session_id,
        expiresAt: Number(row.expires_at),
        revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
      }
    );
  }

  async revokeToken(hash: string, at: number): Promise<void> {
    await this.db.updateTable('tokens').set({ revoked_at: at }).where('token_hash', '=', hash).where('revoked_at', 'is', null).execute();
  }

  async revokeSetupTokens(at: number): Promise<void> {
    await this.db.updateTable('tokens').set({ revoked_at: at }).where('kind', '=', 'setup').where('revoked_at', 'is', null).execute();
  }

  // — patients —

  async createPatient(p: PatientRecord): Promise<void> {
    await this.db
      .insertInto('patients')
      .values({ id: p.id, organisation_id: p.organisationId, code: p.code, status: p.status, created_at: p.createdAt })
      .execute();
  }

  async setPatientStatus(id: string, status: PatientRecord['status']): Promise<void> {
    await this.db.updateTable('patients').set({ status }).where('id', '=', id).execute();
  }

  async countPatientSessions(patientId: string): Promise<number> {
    const row = await this.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('patient_id', '=', patientId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listOpenSessionIds(): Promise<string[]> {
    return (await this.db.selectFrom('sessions').select('id').where('status', '=', 'open').execute()).map((r) => r.id);
  }

  async findPatient(id: string): Promise<PatientRecord | undefined> {
    const row = await this.db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPatient(row);
  }

  async listPatients(organisationId: string): Promise<PatientRecord[]> {
    const rows = await this.db
      .selectFrom('patients')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('code')
      .execute();
    return rows.map(toPatient);
  }

  /** One patient's sessions, newest first. */
  async listPatientSessions(patientId: string): Promise<SessionRecord[]> {
    const rows = await this.sessionQuery().where('sessions.patient_id', '=', patientId).orderBy('sessions.created_at', 'desc').limit(500).execute();
    return rows.map(toSession);
  }

  // — before therapy: profile and cue hierarchy —

  async findProfile(patientId: string): Promise<PatientProfileTable | undefined> {
    const row = await this.db.selectFrom('patient_profiles').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
    return row && { ...row, updated_at: Number(row.updated_at) };
  }

  async putProfile(row: PatientProfileTable): Promise<void> {
    const { patient_id: _id, ...fields } = row;
    await this.db
      .insertInto('patient_profiles')
      .values(row)
      .onConflict((oc) => oc.column('patient_id').doUpdateSet(fields))
      .execute();
  }

  /** Stores a rating once per client id; returns the row stored under that id (this one, or an earlier one). */
  async addHierarchyRating(row: CueHierarchyRatingTable): Promise<{ stored: CueHierarchyRatingTable; duplicate: boolean }> {
    const inserted = await this.db.insertInto('cue_hierarchy_ratings').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
    const stored = await this.db.selectFrom('cue_hierarchy_ratings').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return { stored: toHierarchyRow(stored), duplicate: Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 };
  }

  /** Every rating of the patient's cue hierarchy, oldest first (the latest per item is the one in force). */
  async listHierarchyRatings(patientId: string): Promise<CueHierarchyRatingTable[]> {
    const rows = await this.db.selectFrom('cue_hierarchy_ratings').selectAll().where('patient_id', '=', patientId).orderBy('rated_at').orderBy('id').execute();
    return rows.map(toHierarchyRow);
  }

  // — sessions —

  async createSession(s: Omit<SessionRecord, 'patientCode' | 'endedAt'>, opened: LogRecord): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('sessions')
        .values({
          id: s.id,
          organisation_id: s.organisationId,
          patient_id: s.patientId,
          clinician_id: s.clinicianId,
          status: s.status,
          state: JSON.stringify(s.state),
          protocol: s.protocol ? JSON.stringify(s.protocol) : null,
          last_seq: 1,
          last_hash: '',
          created_at: s.createdAt,
          ended_at: null,
        })
        .execute();
      await appendLog(tx, { sessionId: s.id, lastSeq: 0, lastHash: GENESIS }, s.createdAt, [opened]);
    });
  }

  private sessionQuery() {
    return this.db
      .selectFrom('sessions')
      .innerJoin('patients', 'patients.id', 'sessions.patient_id')
      .selectAll('sessions')
      .select('patients.code as patient_code');
  }

  async findSession(id: string): Promise<SessionRecord | undefined> {
    const row = await this.sessionQuery().where('sessions.id', '=', id).executeTakeFirst();
    return row && toSession(row);
  }

  async listSessions(organisationId: string): Promise<SessionRecord[]> {
    const rows = await this.sessionQuery()
      .where('sessions.organisation_id', '=', organisationId)
      .orderBy('sessions.created_at', 'desc')
      .limit(200)
      .execute();
    return rows.map(toSession);
  }

  async listLog(sessionId: string): Promise<LogEntry[]> {
    const rows = await this.db.selectFrom('session_log').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
    return rows.map((r) => toLogEntry(r));
  }

  async findRating(id: string): Promise<Rating | undefined> {
    const row = await this.db.selectFrom('ratings').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRating(row);
  }

  async listRatings(sessionId: string): Promise<Rating[]> {
    const rows = await this.db.selectFrom('ratings').selectAll().where('session_id', '=', sessionId).orderBy('answered_at').execute();
    return rows.map(toRating);
  }

  /** Every session id (oldest first), for the audit. */
  async listAllSessionIds(): Promise<string[]> {
    return (await this.db.selectFrom('sessions').select('id').orderBy('created_at').orderBy('id').execute()).map((r) => r.id);
  }

  /** Re-computes one session's hash chain from what is stored; undefined if there is no such session. */
  async verifyLog(sessionId: string): Promise<ChainReport | undefined> {
    // Head and records from one snapshot: the server may be appending while the audit reads.
    let t = this.db.transaction();
    if (this.backend === 'postgres') t = t.setIsolationLevel('repeatable read').setAccessMode('read only');
    const read = await t.execute(async (tx) => {
      const head = await tx.selectFrom('sessions').select(['last_seq', 'last_hash']).where('id', '=', sessionId).executeTakeFirst();
      const rows = head ? await tx.selectFrom('session_log').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute() : [];
      return head && { head, rows };
    });
    if (!read) return undefined;
    const records = read.rows.map((r) => ({ ...toLogEntry(r), prevHash: r.prev_hash, hash: r.hash }));
    return { sessionId, records: records.length, broken: verifyChain(sessionId, records, { lastSeq: Number(read.head.last_seq), lastHash: read.head.last_hash }) };
  }

  /** The acknowledgement given to a client write id, if it was stored before. */
  async findWrite(id: string): Promise<{ sessionId: string; result: Record<string, unknown> } | undefined> {
    const row = await this.db.selectFrom('client_writes').select(['session_id', 'result']).where('id', '=', id).executeTakeFirst();
    return row && { sessionId: row.session_id, result: JSON.parse(row.result) as Record<string, unknown> };
  }

  /**
   * Appends the write's log records, saves the new state and any rating, and remembers the client's
   * write id, all in one transaction. A write id seen before returns its first result unchanged.
   */
  async commit(w: SessionWrite): Promise<CommitOutcome> {
    return this.db.transaction().execute(async (tx) => {
      let head = tx.selectFrom('sessions').select(['last_seq', 'last_hash']).where('id', '=', w.sessionId);
      // PostgreSQL runs transactions side by side: lock the session row so seq and chain stay linear.
      if (this.backend === 'postgres') head = head.forUpdate();
      const session = await head.executeTakeFirstOrThrow();
      if (w.write) {
        const seen = await tx.selectFrom('client_writes').select('result').where('id', '=', w.write.id).executeTakeFirst();
        if (seen) return { duplicate: true, result: JSON.parse(seen.result) as Record<string, unknown> };
      }
      const entries = await appendLog(tx, { sessionId: w.sessionId, lastSeq: Number(session.last_seq), lastHash: session.last_hash }, w.at, w.records);
      const seq = entries.at(-1)?.seq ?? Number(session.last_seq);
      await tx
        .updateTable('sessions')
        .set({
          state: JSON.stringify(w.state),
          status: w.state.status,
          ...(w.ended ? { ended_at: w.at } : {}),
        })
        .where('id', '=', w.sessionId)
        .execute();
      let rating: Rating | null = null;
      if (w.rating && w.write) {
        rating = {
          id: w.write.id,
          sessionId: w.sessionId,
          promptId: w.rating.promptId,
          scale: w.rating.scale,
          value: w.rating.value,
          source: w.rating.source,
          promptedAt: w.rating.promptedAt,
          answeredAt: w.at,
          sceneId: w.rating.scene.sceneId,
          level: w.rating.scene.level,
        };
        await tx.insertInto('ratings').values(fromRating(rating)).execute();
      }
      if (w.ended) {
        // The headset's device token dies with the session.
        await tx.updateTable('tokens').set({ revoked_at: w.at }).where('session_id', '=', w.sessionId).where('revoked_at', 'is', null).execute();
      }
      const result = { ...w.result, seq };
      if (w.write) {
        await tx
          .insertInto('client_writes')
          .values({ id: w.write.id, session_id: w.sessionId, kind: w.write.kind, result: JSON.stringify(result), at: w.at })
          .execute();
      }
      return { duplicate: false, entries, rating, result };
    });
  }

  // — exports (read only) —

  /** Every session that ran this protocol (any version), oldest first; optionally within one organisation. */
  async listSessionsByProtocol(protocolId: string, organisationId?: string): Promise<SessionRecord[]> {
    let query = this.sessionQuery().where('sessions.protocol', 'like', `%"id":"${protocolId}"%`);
    if (organisationId) query = query.where('sessions.organisation_id', '=', organisationId);
    const rows = await query.orderBy('sessions.created_at').orderBy('sessions.id').execute();
    // The protocol is stored as the JSON it ran: LIKE narrows portably, the parsed id decides.
    return rows.map(toSession).filter((s) => s.protocol?.id === protocolId);
  }

  // — people and access (accounts, research grants, study keys, identity fields, access log) —

  async listAccounts(organisationId: string): Promise<AccountRecord[]> {
    const rows = await this.db.selectFrom('accounts').selectAll().where('organisation_id', '=', organisationId).orderBy('username').execute();
    return rows.map(toAccount);
  }

  /** Sign-ins and links of the account end with the change, in the same transaction. */
  async setAccountRoles(id: string, roles: Role[], at: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('accounts').set({ roles: JSON.stringify(roles) }).where('id', '=', id).execute();
      await revokeAccountTokens(tx, id, at);
    });
  }

  async setAccountDisabled(id: string, disabledAt: number | null, at: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('accounts').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
      await revokeAccountTokens(tx, id, at);
    });
  }

  /** A new password hash ('' = none yet); every sign-in and earlier link of the account is revoked. */
  async setPasswordHash(id: string, passwordHash: string, at: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
      await revokeAccountTokens(tx, id, at);
    });
  }

  async revokeAccountTokens(accountId: string, at: number): Promise<void> {
    await revokeAccountTokens(this.db, accountId, at);
  }

  async createGrant(g: Omit<ResearchGrantTable, 'revoked_at' | 'revoked_by'>): Promise<void> {
    await this.db.insertInto('research_grants').values(g).execute();
  }

  async findGrant(id: string): Promise<ResearchGrantTable | undefined> {
    return this.db.selectFrom('research_grants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Grants in force, with the researcher's and the granting administrator's usernames. */
  async listGrants(where: { organisationId: string; researcherId?: string }): Promise<(ResearchGrantTable & { researcher: string; granter: string })[]> {
    let q = this.db
      .selectFrom('research_grants as g')
      .innerJoin('accounts as r', 'r.id', 'g.researcher_id')
      .innerJoin('accounts as a', 'a.id', 'g.granted_by')
      .selectAll('g')
      .select(['r.username as researcher', 'a.username as granter'])
      .where('g.organisation_id', '=', where.organisationId)
      .where('g.revoked_at', 'is', null);
    if (where.researcherId) q = q.where('g.researcher_id', '=', where.researcherId);
    const rows = await q.orderBy('g.created_at').orderBy('g.id').execute();
    return rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
  }

  async revokeGrant(id: string, by: string, at: number): Promise<void> {
    await this.db.updateTable('research_grants').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** The study's de-identification secret, created once (first caller wins, even when two race). */
  async studySecret(organisationId: string, scope: string, fresh: string, at: number): Promise<string> {
    await this.db
      .insertInto('study_keys')
      .values({ organisation_id: organisationId, scope, secret: fresh, created_at: at })
      .onConflict((oc) => oc.columns(['organisation_id', 'scope']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('study_keys')
      .select('secret')
      .where('organisation_id', '=', organisationId)
      .where('scope', '=', scope)
      .executeTakeFirstOrThrow();
    return row.secret;
  }

  async findIdentity(patientId: string): Promise<PatientIdentityTable | undefined> {
    const row = await this.db.selectFrom('patient_identities').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
    return row && { ...row, updated_at: Number(row.updated_at) };
  }

  async putIdentity(row: PatientIdentityTable): Promise<void> {
    const { patient_id: _id, ...fields } = row;
    await this.db
      .insertInto('patient_identities')
      .values(row)
      .onConflict((oc) => oc.column('patient_id').doUpdateSet(fields))
      .execute();
  }

  async appendAccess(row: AccessLogTable): Promise<void> {
    await this.db.insertInto('access_log').values(row).execute();
  }

  /** The organisation's access log, newest first. */
  async listAccess(
    organisationId: string,
    f: { accountId?: string; patientId?: string; sessionId?: string; action?: string; from?: number; to?: number; limit: number },
  ): Promise<AccessLogTable[]> {
    let q = this.db.selectFrom('access_log').selectAll().where('organisation_id', '=', organisationId);
    if (f.accountId) q = q.where('account_id', '=', f.accountId);
    if (f.patientId) q = q.where('patient_id', '=', f.patientId);
    if (f.sessionId) q = q.where('session_id', '=', f.sessionId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<=', f.to);
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
    return rows.map((r) => ({ ...r, at: Number(r.at) }));
  }
}

/** Ends a person's sign-ins and unspent links (not device tokens: those belong to sessions). */
async function revokeAccountTokens(db: Kysely<Database>, accountId: string, at: number): Promise<void> {
  await db
    .updateTable('tokens')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('kind', 'in', ['clinician', 'invite'])
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Appends records after the session's head, chaining each to the previous one, and moves the head:
 * inside the caller's transaction, so the chain is never seen half-written.
 */
async function appendLog(
  tx: Transaction<Database>,
  head: { sessionId: string; lastSeq: number; lastHash: string },
  at: number,
  records: LogRecord[],
): Promise<LogEntry[]> {
  if (!records.length) return [];
  let { lastSeq: seq, lastHash: prev } = head;
  const entries: LogEntry[] = [];
  const rows: Database['session_log'][] = [];
  for (const r of records) {
    seq += 1;
    const entry: LogEntry = { sessionId: head.sessionId, seq, at, actor: r.actor, type: r.type, data: r.data };
    const hash = chainHash(prev, entry);
    entries.push(entry);
    rows.push({ session_id: entry.sessionId, seq, at, actor: entry.actor, type: entry.type, data: JSON.stringify(entry.data), prev_hash: prev, hash });
    prev = hash;
  }
  await tx.insertInto('session_log').values(rows).execute();
  await tx.updateTable('sessions').set({ last_seq: seq, last_hash: prev }).where('id', '=', head.sessionId).execute();
  return entries;
}

function toAccount(row: Database['accounts']): AccountRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    username: row.username,
    passwordHash: row.password_hash,
    roles: JSON.parse(row.roles) as Role[],
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
    createdAt: Number(row.created_at),
  };
}

function toPatient(row: Database['patients']): PatientRecord {
  return { id: row.id, organisationId: row.organisation_id, code: row.code, status: row.status, createdAt: Number(row.created_at) };
}

function toHierarchyRow(row: CueHierarchyRatingTable): CueHierarchyRatingTable {
  return { ...row, level: Number(row.level), value: Number(row.value), rated_at: Number(row.rated_at) };
}

function toSession(row: SessionTable & { patient_code: string }): SessionRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    patientId: row.patient_id,
    patientCode: row.patient_code,
    clinicianId: row.clinician_id,
    status: row.status,
    state: JSON.parse(row.state) as SessionState,
    protocol: row.protocol ? (JSON.parse(row.protocol) as Protocol) : null,
    createdAt: Number(row.created_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
  };
}

function toLogEntry(r: Database['session_log']): LogEntry {
  return {
    sessionId: r.session_id,
    seq: Number(r.seq),
    at: Number(r.at),
    actor: r.actor as LogEntry['actor'],
    type: r.type,
    data: JSON.parse(r.data) as Record<string, unknown>,
  };
}

function toRating(r: Database['ratings']): Rating {
  return {
    id: r.id,
    sessionId: r.session_id,
    promptId: r.prompt_id,
    scale: r.scale as RatingScale,
    value: Number(r.value),
    source: r.source as RatingSource,
    promptedAt: r.prompted_at === null ? null : Number(r.prompted_at),
    answeredAt: Number(r.answered_at),
    sceneId: r.scene_id,
    level: Number(r.level),
  };
}

function fromRating(r: Rating): Database['ratings'] {
  return {
    id: r.id,
    session_id: r.sessionId,
    prompt_id: r.promptId,
    scale: r.scale,
    value: r.value,
    source: r.source,
    prompted_at: r.promptedAt,
    answered_at: r.answeredAt,
    scene_id: r.sceneId,
    level: r.level,
  };
}
