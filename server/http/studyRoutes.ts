import express, { type Response } from 'express';
import { ProtocolId, ResearchExportQuery, StudyExportQuery } from '../../contract';
import type { Protocol } from '../../protocols/schema';
import type { AccessEvent } from '../access/accessLog';
import { grantedSessions, researcherStudies, sessionByAlias, studyKey } from '../access/studies';
import type { Accounts } from '../auth/accounts';
import { type SessionExport, tableCsv } from '../export/csv';
import { exportInput } from '../export/input';
import { prepareExport, sessionFile } from '../export/sessionExport';
import { studyFiles, studyJson } from '../export/study';
import { zipFiles } from '../export/zip';
import type { SessionRecord, Store } from '../store/store';
import { exportDetail, mustDeidentify, sendFile } from './exportRoutes';
import { type Authed, parseQuery, send, signedIn } from './guards';

// Studies: every session of one protocol in the organisation.
//   GET /api/studies                                   a researcher's grants, as studies and session aliases
//   GET /api/studies/:protocolId/export?format=csv|json|zip[&table=…][&deidentify=true]
//   GET /api/studies/:protocolId/sessions/:studySessionId/export?format=csv|json|fhir[&table=…]
// A researcher reaches only what is granted, always de-identified under the study's stored key, and
// names sessions by their study alias: internal ids, patient codes and identities never reach them.

export interface StudyRouteDeps {
  store: Store;
  accounts: Accounts;
  protocols: Map<string, Protocol>;
  now: () => number;
  logRead: (req: Authed, e: AccessEvent) => Promise<void>;
}

export function studyRoutes(deps: StudyRouteDeps) {
  const { store } = deps;
  const router = express.Router();
  const researcher = signedIn(deps.accounts, 'researcher');
  // A clinician reads the organisation's sessions anyway; a researcher only what is granted.
  const clinicianOrResearcher = signedIn(deps.accounts, 'clinician', 'researcher');

  const protocolParam = (req: Authed, res: Response): string | undefined => {
    const id = ProtocolId.safeParse(req.params.protocolId);
    if (id.success) return id.data;
    send(res, 404, { code: 'not_found', message: 'no such study' });
    return undefined;
  };

  /** The study's sessions this person may read, or undefined after answering 403. */
  const readableSessions = async (req: Authed, res: Response, protocolId: string): Promise<SessionRecord[] | undefined> => {
    const p = req.principal!;
    if (req.actingRole === 'clinician') return store.listSessionsByProtocol(protocolId, p.account.organisationId);
    const granted = await grantedSessions(store, p, protocolId);
    if (granted) return granted;
    send(res, 403, { code: 'forbidden', message: 'this study is not granted to you: ask your administrator' });
    return undefined;
  };

  const load = async (sessions: SessionRecord[], key: string | null): Promise<SessionExport[]> => {
    const out: SessionExport[] = [];
    for (const s of sessions) {
      const input = exportInput(s, await store.listLog(s.id), await store.listRatings(s.id));
      out.push(prepareExport(input, { deidentify: key ? { key } : null }));
    }
    return out;
  };

  router.get('/studies', researcher, async (req: Authed, res) => {
    res.json(await researcherStudies(store, req.principal!, deps.protocols, deps.now()));
  });

  router.get('/studies/:protocolId/export', clinicianOrResearcher, async (req: Authed, res) => {
    const q = parseQuery(StudyExportQuery, req, res, 'invalid study export query: expected format=csv|json|zip, for csv optionally table=ratings|events|instruments');
    const protocolId = q && protocolParam(req, res);
    if (!q || !protocolId) return;
    const sessions = await readableSessions(req, res, protocolId);
    if (!sessions) return;
    const protocol = sessions.at(-1)?.protocol ?? deps.protocols.get(protocolId);
    if (!protocol) return send(res, 404, { code: 'not_found', message: `no session ran protocol "${protocolId}"` });
    const deidentified = mustDeidentify(req.principal!, q.deidentify === 'true');
    const key = deidentified ? await studyKey(store, req.principal!.account.organisationId, protocolId, deps.now()) : null;
    const exports = await load(sessions, key);
    const at = deps.now();
    const stem = `cueroom-study-${protocolId}`;
    await deps.logRead(req, { action: 'study.export', protocolId, detail: `${exportDetail(q.format, q.table, deidentified)} sessions=${sessions.length}` });
    if (q.format === 'csv') {
      const table = q.table ?? 'ratings';
      return sendFile(res, { filename: `${stem}-${table}.csv`, contentType: 'text/csv; charset=utf-8; header=present', body: tableCsv(table, exports) });
    }
    if (q.format === 'json') {
      return sendFile(res, { filename: `${stem}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify(studyJson(exports, protocolId, deidentified, at), null, 2) + '\n' });
    }
    sendFile(res, { filename: `${stem}.zip`, contentType: 'application/zip', body: zipFiles(studyFiles(exports, protocol, deidentified, at), at) });
  });

  router.get('/studies/:protocolId/sessions/:studySessionId/export', researcher, async (req: Authed, res) => {
    const q = parseQuery(ResearchExportQuery, req, res, 'invalid export query: expected format=csv|json|fhir, for csv optionally table=ratings|events|instruments');
    const protocolId = q && protocolParam(req, res);
    if (!q || !protocolId) return;
    const sessions = await readableSessions(req, res, protocolId);
    if (!sessions) return;
    const key = await studyKey(store, req.principal!.account.organisationId, protocolId, deps.now());
    const session = sessionByAlias(sessions, key, String(req.params.studySessionId));
    if (!session) return send(res, 404, { code: 'not_found', message: 'no such session in this study' });
    const [prepared] = await load([session], key);
    await deps.logRead(req, {
      action: 'session.export',
      sessionId: session.id,
      patientId: session.patientId,
      protocolId,
      detail: exportDetail(q.format, q.table, true),
    });
    sendFile(res, sessionFile(prepared!, q.format, q.table ?? 'ratings', deps.now()));
  });

  return router;
}
