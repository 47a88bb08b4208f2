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
  /** Set when an administrator disables the account: every sign-in is refused. */
  disabled_at: number | null;
}

export interface TokenTable {
  token_hash: string;
  /** clinician: a person's sign-in (any role); invite: a one-time link to choose a password. */
  kind: 'clinician' | 'device' | 'setup' | 'invite';
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

export interface ResearchGrantTable {
  id: string;
  organisation_id: string;
  researcher_id: string;
  kind: 'protocol' | 'session';
  protocol_id: string;
  session_id: string | null;
  granted_by: string;
  created_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** De-identification secrets, one per (organisation, protocol id or '' for sessions steered by hand). */
export interface StudyKeyTable {
  organisation_id: string;
  scope: string;
  secret: string;
  created_at: number;
}

export interface PatientIdentityTable {
  patient_id: string;
  organisation_id: string;
  name: string | null;
  date_of_birth: string | null;
  hospital_record_number: string | null;
  phone: string | null;
  updated_at: number;
  updated_by: string;
}

/** Before therapy: abstinence, programme, substances, screening flags, personalisation (JSON columns). */
export interface PatientProfileTable {
  patient_id: string;
  organisation_id: string;
  abstinent_since: string | null;
  programme: string | null;
  substances: string;
  flags: string;
  personalisation: string;
  updated_at: number;
  updated_by: string;
}

/** Append-only: the patient's cue-hierarchy ratings; the latest per scene level is the one in force. */
export interface CueHierarchyRatingTable {
  id: string;
  patient_id: string;
  organisation_id: string;
  scene_id: string;
  level: number;
  value: number;
  rated_by: string;
  rated_at: number;
}

/** Append-only: who read which patient's data, when, from where. */
export interface AccessLogTable {
  id: string;
  organisation_id: string;
  account_id: string;
  username: string;
  role: string;
  action: string;
  patient_id: string | null;
  session_id: string | null;
  protocol_id: string | null;
  detail: string | null;
  ip: string | null;
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
  research_grants: ResearchGrantTable;
  study_keys: StudyKeyTable;
  patient_identities: PatientIdentityTable;
  patient_profiles: PatientProfileTable;
  cue_hierarchy_ratings: CueHierarchyRatingTable;
  access_log: AccessLogTable;
}

export type { Generated };
