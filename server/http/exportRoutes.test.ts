import { describe, expect, it } from 'vitest';
import type { Role } from '../../contract';
import type { Principal } from '../auth/accounts';
import { exportOptions } from './exportRoutes';

const principal = (roles: Role[]): Principal => ({ account: { id: 'a', username: 'u', organisationId: 'o', roles }, tokenHash: 'h' });

describe('who gets which export', () => {
  it('lets a clinician choose, with a fresh key for every de-identified export', () => {
    expect(exportOptions(principal(['clinician']), false)).toEqual({ deidentify: null });
    const a = exportOptions(principal(['clinician']), true).deidentify!;
    const b = exportOptions(principal(['clinician']), true).deidentify!;
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key).not.toBe(b.key);
  });

  it('gives an account without the clinician role only de-identified exports, whatever it asks', () => {
    expect(exportOptions(principal(['admin']), false).deidentify).not.toBeNull();
  });
});
