import { z } from 'zod';
import { EntityId } from './common';
import type { Role } from './auth';

// Research grants, the researcher's view of them, patient identity fields and the access log.

export const ProtocolId = z.string().regex(/^[a-z0-9-]{1,80}$/, 'expected a protocol id (lower-case letters, digits, -)');

/** An administrator lets a researcher read de-identified exports of a protocol's sessions, or of chosen sessions. */
export const GrantBody = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('protocol'), researcherId: EntityId, protocolId: ProtocolId }).strict(),
    z.object({ kind: z.literal('session'), researcherId: EntityId, sessionId: EntityId }).strict(),
  ],
  { error: 'expected kind: protocol or session' },
);
export type GrantBody = z.infer<typeof GrantBody>;

export interface GrantView {
  id: string;
  researcherId: string;
  researcherUsername: string;
  kind: 'protocol' | 'session';
  /** The protocol granted, or the one the granted session ran. */
  protocolId: string;
  sessionId: string | null;
  grantedBy: string;
  createdAt: number;
}

/** A session a researcher may export, under its study alias (never its internal id). */
export interface StudySessionView {
  id: string;
  /** Shifted by the participant's date shift, like every date in the export. */
  createdAt: number;
  status: 'open' | 'ended';
}

/** What a researcher sees: per protocol, the sessions they may export. */
export interface StudyView {
  protocolId: string;
  title: { fr: string; en: string } | null;
  access: 'protocol' | 'sessions';
  sessions: StudySessionView[];
}

/** A session the administrator may grant: no patient code, only what picks it out. */
export interface GrantableSessionView {
  id: string;
  protocolId: string;
  createdAt: number;
  status: 'open' | 'ended';
}

export const GrantableSessionsQuery = z.object({ protocolId: ProtocolId }).strict();

// — identity fields, kept apart from the pseudonymous record —

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));

export const PatientIdentityBody = z
  .object({
    name: optionalText(200),
    // An emptied date field clears the date.
    dateOfBirth: z
      .preprocess((v) => (v === '' ? null : v), z.iso.date({ error: 'expected a date YYYY-MM-DD' }).nullish())
      .transform((s) => s ?? null),
    hospitalRecordNumber: optionalText(64),
    phone: optionalText(40),
  })
  .strict();
export type PatientIdentity = z.infer<typeof PatientIdentityBody>;

export interface PatientIdentityView extends PatientIdentity {
  patientId: string;
  updatedAt: number | null;
}

// — access log —

export type AccessAction =
  | 'patients.list'
  | 'sessions.list'
  | 'identity.read'
  | 'identity.write'
  | 'patient.read'
  | 'session.snapshot'
  | 'session.log'
  | 'session.ratings'
  | 'session.export'
  | 'session.watch'
  | 'study.export'
  | 'access-log.read'
  | 'session.summary'
  | 'patient.progress';

export const AccessLogQuery = z
  .object({
    accountId: EntityId.optional(),
    patientId: EntityId.optional(),
    sessionId: EntityId.optional(),
    action: z.string().regex(/^[a-z.-]{3,40}$/).optional(),
    /** Epoch milliseconds, inclusive. */
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

export interface AccessLogEntry {
  id: string;
  at: number;
  accountId: string;
  username: string;
  /** The role the person acted in. */
  role: Role;
  action: AccessAction;
  patientId: string | null;
  sessionId: string | null;
  protocolId: string | null;
  /** e.g. `format=csv deidentified`. Never patient data. */
  detail: string | null;
  ip: string | null;
}
