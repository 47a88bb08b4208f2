import { describe, expect, it } from 'vitest';
import type { Role } from '../../contract';
import type { Principal } from '../auth/accounts';
import { exportDetail, mustDeidentify } from './exportRoutes';

const principal = (roles: Role[]): Principal => ({ account: { id: 'a', username: 'u', organisationId: 'o', roles }, tokenHash: 'h' });

describe('who gets which export', () => {
  it('lets a clinician choose', () => {
    expect(mustDeidentify(principal(['clinician']), false)).toBe(false);
    expect(mustDeidentify(principal(['clinician', 'researcher']), false)).toBe(false);
    expect(mustDeidentify(principal(['clinician']), true)).toBe(true);
  });

  it('gives an account without the clinician role only de-identified exports, whatever it asks', () => {
    expect(mustDeidentify(principal(['admin']), false)).toBe(true);
    expect(mustDeidentify(principal(['researcher']), false)).toBe(true);
  });

  it('describes an export for the access log without any data', () => {
    expect(exportDetail('csv', 'events', true)).toBe('format=csv table=events deidentified');
    expect(exportDetail('fhir', undefined, false)).toBe('format=fhir identified');
  });
});
