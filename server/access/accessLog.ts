import type { AccessAction, AccessLogEntry, AccessLogQuery, Role } from '../../contract';
import type { Principal } from '../auth/accounts';
import { newId } from '../auth/tokens';
import type { Store } from '../store/store';

// Every read of a patient's data by a person leaves one record: who, in which role, what, which
// patient or session, when, from where. Written before the data is sent, so no read goes unrecorded.

export interface AccessEvent {
  action: AccessAction;
  patientId?: string | null;
  sessionId?: string | null;
  protocolId?: string | null;
  detail?: string | null;
}

export class AccessLog {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  async record(principal: Principal, role: Role, ip: string | null, e: AccessEvent): Promise<void> {
    const a = principal.account;
    await this.store.appendAccess({
      id: newId(),
      organisation_id: a.organisationId,
      account_id: a.id,
      username: a.username,
      role,
      action: e.action,
      patient_id: e.patientId ?? null,
      session_id: e.sessionId ?? null,
      protocol_id: e.protocolId ?? null,
      detail: e.detail ?? null,
      ip,
      at: this.now(),
    });
  }

  async list(organisationId: string, q: AccessLogQuery): Promise<AccessLogEntry[]> {
    const rows = await this.store.listAccess(organisationId, q);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      accountId: r.account_id,
      username: r.username,
      role: r.role as Role,
      action: r.action as AccessAction,
      patientId: r.patient_id,
      sessionId: r.session_id,
      protocolId: r.protocol_id,
      detail: r.detail,
      ip: r.ip,
    }));
  }
}
