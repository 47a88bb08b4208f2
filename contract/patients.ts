import { z } from 'zod';
import { ScreeningFlag } from './patientProfile';

/** Pseudonymous code chosen by the clinic; no name is needed or stored here. */
export const PatientCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{2,24}$/, 'expected a pseudonymous code of 2–24 letters, digits or -');

/** Active use is a safety status: no craving prompts and no exposure without a written override. */
export const PatientStatus = z.enum(['abstinent', 'active-use']);
export type PatientStatus = z.infer<typeof PatientStatus>;

export const CreatePatientBody = z.object({ code: PatientCode, status: PatientStatus.default('abstinent') });
export const UpdatePatientBody = z.object({ status: PatientStatus });
export const CreateSessionBody = z.object({
  patientId: z.string().min(8).max(64),
  protocolId: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(),
  /** Required to start an exposure session for a patient in active use. */
  activeUseOverride: z.string().trim().min(10, 'expected a written reason of at least 10 characters').max(2000).optional(),
  /** The screening flags whose warnings the clinician has read for this session (see the session plan). */
  acknowledgedFlags: z.array(ScreeningFlag).max(5).default([]),
});

export interface PatientView {
  id: string;
  code: string;
  status: PatientStatus;
  createdAt: number;
}

export interface ProtocolSummary {
  id: string;
  version: number;
  title: { fr: string; en: string };
  substance: string;
  steps: number;
}

export interface SessionView {
  id: string;
  patientId: string;
  patientCode: string;
  protocolId: string | null;
  status: 'open' | 'ended';
  createdAt: number;
  endedAt: number | null;
}
