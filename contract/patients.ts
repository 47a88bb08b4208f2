import { z } from 'zod';

/** Pseudonymous code chosen by the clinic; no name is needed or stored here. */
export const PatientCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{2,24}$/, 'expected a pseudonymous code of 2–24 letters, digits or -');

export const CreatePatientBody = z.object({ code: PatientCode });
export const CreateSessionBody = z.object({ patientId: z.string().min(8).max(64) });

export interface PatientView {
  id: string;
  code: string;
  createdAt: number;
}

export interface SessionView {
  id: string;
  patientId: string;
  patientCode: string;
  status: 'open' | 'ended';
  createdAt: number;
  endedAt: number | null;
}
