import type { PatientProfileBody, PatientProfileView } from '../../../contract';
import { api } from '../api';

/** Saves the whole profile with `patch` applied (the route replaces it): the one writer of profile forms. */
export function saveProfile(patientId: string, current: PatientProfileView, patch: Partial<PatientProfileBody>): Promise<PatientProfileView> {
  const { updatedAt: _updatedAt, ...body } = { ...current, ...patch };
  return api<PatientProfileView>(`/patients/${patientId}/profile`, { method: 'PUT', body });
}

/** Whole days from a YYYY-MM-DD date to today, in the browser's calendar. */
export function daysSince(date: string, today = new Date()): number {
  const [y, m, d] = date.split('-').map(Number);
  const start = Date.UTC(y!, m! - 1, d!);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.max(0, Math.round((now - start) / 86_400_000));
}
