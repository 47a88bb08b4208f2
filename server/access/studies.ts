import { randomBytes } from 'node:crypto';
import type { StudyView } from '../../contract';
import type { Protocol } from '../../protocols/schema';
import type { Principal } from '../auth/accounts';
import { alias, DAY_MS, dateShiftDays } from '../export/deidentify';
import type { SessionRecord, Store } from '../store/store';

// A study is one protocol's sessions in one organisation. Its de-identification key is made once and
// kept server-side, so study ids, session aliases and date shifts are the same in every export of it
// (and differ between studies: a participant cannot be linked across them). The key never leaves.

/** The study's key; sessions steered by hand (no protocol) share one key per organisation. */
export function studyKey(store: Store, organisationId: string, protocolId: string | null, now: number): Promise<string> {
  return store.studySecret(organisationId, protocolId ?? '', randomBytes(32).toString('hex'), now);
}

/**
 * The sessions of a protocol a researcher may read: every one of the organisation's with a protocol
 * grant, else those granted one by one; null when nothing of this protocol is granted.
 */
export async function grantedSessions(store: Store, researcher: Principal, protocolId: string): Promise<SessionRecord[] | null> {
  const { id, organisationId } = researcher.account;
  const grants = (await store.listGrants({ organisationId, researcherId: id })).filter((g) => g.protocol_id === protocolId);
  if (grants.length === 0) return null;
  if (grants.some((g) => g.kind === 'protocol')) return store.listSessionsByProtocol(protocolId, organisationId);
  const sessions: SessionRecord[] = [];
  for (const g of grants) {
    const s = g.session_id ? await store.findSession(g.session_id) : undefined;
    if (s && s.organisationId === organisationId && s.protocol?.id === protocolId) sessions.push(s);
  }
  return sessions.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The session a study alias names, among those given. */
export function sessionByAlias(sessions: SessionRecord[], key: string, studySessionId: string): SessionRecord | undefined {
  return sessions.find((s) => alias(key, s.id) === studySessionId);
}

/** What a researcher sees of their grants: studies and their sessions under study aliases and shifted dates. */
export async function researcherStudies(store: Store, researcher: Principal, protocols: Map<string, Protocol>, now: number): Promise<StudyView[]> {
  const { id, organisationId } = researcher.account;
  const grants = await store.listGrants({ organisationId, researcherId: id });
  const studies: StudyView[] = [];
  for (const protocolId of [...new Set(grants.map((g) => g.protocol_id))].sort()) {
    const sessions = (await grantedSessions(store, researcher, protocolId)) ?? [];
    const key = await studyKey(store, organisationId, protocolId, now);
    studies.push({
      protocolId,
      title: protocols.get(protocolId)?.title ?? sessions.at(-1)?.protocol?.title ?? null,
      access: grants.some((g) => g.protocol_id === protocolId && g.kind === 'protocol') ? 'protocol' : 'sessions',
      sessions: sessions.map((s) => ({
        id: alias(key, s.id),
        createdAt: s.createdAt + dateShiftDays(key, s.patientId) * DAY_MS,
        status: s.status,
      })),
    });
  }
  return studies;
}
