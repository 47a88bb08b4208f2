import type { Generated } from 'kysely';

// Table shapes as kysely sees them. Times are epoch milliseconds (server clock).

export interface OrganisationTable {
  id: string;
  name: string;
  created_at: number;
}

export interface AccountTable {
  id: string;
  organisation_id: string;
  username: string;
  password_hash: string;
  /** JSON array of roles. */
  roles: string;
  created_at: number;
}

export interface TokenTable {
  token_hash: string;
  kind: 'clinician' | 'device' | 'setup';
  account_id: string | null;
  session_id: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface PatientTable {
  id: string;
  organisation_id: string;
  code: string;
  status: 'abstinent' | 'active-use';
  created_at: number;
}

export interface SessionTable {
  id: string;
  organisation_id: string;
  patient_id: string;
  clinician_id: string;
  status: 'open' | 'ended';
  /** JSON of the session core's state, written in the same transaction as the log. */
  state: string;
  /** JSON of the protocol the session runs (null: steered by hand). */
  protocol: string | null;
  last_seq: number;
  /** Hash of the log record at last_seq: the head of the session's hash chain. */
  last_hash: string;
  created_at: number;
  ended_at: number | null;
}

export interface SessionLogTable {
  session_id: string;
  seq: number;
  at: number;
  actor: string;
  type: string;
  data: string;
  /** Hash chain (see hashChain.ts): the previous record's hash, and this record's. */
  prev_hash: string;
  hash: string;
}

export interface RatingTable {
  id: string;
  session_id: string;
  prompt_id: string | null;
  scale: string;
  value: number;
  source: string;
  prompted_at: number | null;
  answered_at: number;
  scene_id: string;
  level: number;
}

/** Every client-generated write id seen, with the result it was acknowledged with. */
export interface ClientWriteTable {
  id: string;
  session_id: string;
  kind: string;
  result: string;
  at: number;
}

export interface Database {
  organisations: OrganisationTable;
  accounts: AccountTable;
  tokens: TokenTable;
  patients: PatientTable;
  sessions: SessionTable;
  session_log: SessionLogTable;
  ratings: RatingTable;
  client_writes: ClientWriteTable;
}

export type { Generated };
