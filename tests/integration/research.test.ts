import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogEntry, GrantView, LoginResponse, PatientIdentityView, SessionView, StudyView } from '../../contract';
import { csvRecords, unzipStored } from '../../server/export/testing';
import { accountWith, call, download } from '../support/people';
import { connected, pairHeadset, passPreCheck, socketFor, startTestServer, type TestServer, type TestSocket } from '../support/testServer';

// Researchers, grants, identity fields and the access log, on a real server and SQLite file: two
// patients with identity fields ran the alcohol protocol; a researcher reads only de-identified data
// of what is granted, the same study ids every time; no identity value leaves in any export; and
// every read of patient data by a person leaves exactly one access record.

const PROTOCOL = 'alcohol-alcovr-booster';
const IDENTITY = { name: 'Jeanne Identifiable', dateOfBirth: '1971-04-23', hospitalRecordNumber: 'HRN-88417-X', phone: '+33 6 12 34 56 78' };
const IDENTITY_VALUES = [IDENTITY.name, 'Jeanne', 'Identifiable', IDENTITY.dateOfBirth, IDENTITY.hospitalRecordNumber, IDENTITY.phone, '12 34 56'];
const FREE_TEXT = 'parti avec son frère Octave Vasseur';
const uuid = () => crypto.randomUUID();

let server: TestServer;
let clinician: LoginResponse;
let researcher: LoginResponse;
let other: LoginResponse;
let console_: TestSocket;
const patients: { id: string; code: string }[] = [];
const sessions: string[] = [];

async function command(sessionId: string, c: object) {
  const ack = await console_.emitWithAck('session:command', { id: uuid(), sessionId, command: c } as never);
  if (!ack.ok) throw new Error(`${JSON.stringify(c)}: ${ack.error.message}`);
}

/** The headset reports showing what it was last asked to. */
async function applied(headset: TestSocket, sessionId: string) {
  const { directive } = (await server.sessions.snapshot(sessionId))!;
  const ack = await headset.emitWithAck('headset:applied', { id: uuid(), revision: directive.revision, scene: directive.scene, sinceMs: 0 });
  if (!ack.ok) throw new Error(ack.error.message);
}

/** A protocol session: a headset, the check, the baseline rating answered in VR, a clinician's written override, the end. */
async function runSession(patientId: string, value: number): Promise<string> {
  const s = await call<SessionView>(server, 'POST', '/sessions', clinician.token, { patientId, protocolId: PROTOCOL });
  expect(s.status).toBe(201);
  const sessionId = s.body.id;
  expect((await console_.emitWithAck('session:watch', { sessionId })).ok).toBe(true);
  const { headset } = await pairHeadset(server, console_, sessionId);
  await applied(headset, sessionId);
  await passPreCheck(console_, sessionId);
  await applied(headset, sessionId);
  const prompt = (await server.sessions.snapshot(sessionId))!.directive.prompt;
  expect(prompt).not.toBeNull();
  const rated = await headset.emitWithAck('rating:submit', { id: uuid(), promptId: prompt!.promptId, value });
  expect(rated.ok).toBe(true);
  await command(sessionId, { type: 'override', target: 'close', reason: FREE_TEXT });
  await command(s.body.id, { type: 'end' });
  expect((await server.store.findSession(s.body.id))!.status).toBe('ended');
  return s.body.id;
}

const accessCount = async () => (await server.store.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const lastAccess = async () => (await server.store.db.selectFrom('access_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').execute()).find(() => true)!;

beforeAll(async () => {
  server = await startTestServer();
  const org = server.admin.account.organisationId;
  clinician = await accountWith(server, org, 'dr-octave-clin', ['clinician']);
  researcher = await accountWith(server, org, 'res-study', ['researcher']);
  other = await accountWith(server, org, 'res-one-session', ['researcher']);
  console_ = socketFor(server, { kind: 'clinician', token: clinician.token });
  await connected(console_);
  for (const code of ['ROSE-1001', 'LYS-2002']) {
    const p = await call<{ id: string }>(server, 'POST', '/patients', clinician.token, { code });
    patients.push({ id: p.body.id, code });
    expect((await call(server, 'PUT', `/patients/${p.body.id}/identity`, clinician.token, IDENTITY)).status).toBe(200);
  }
  sessions.push(await runSession(patients[0]!.id, 3), await runSession(patients[1]!.id, 5), await runSession(patients[0]!.id, 2));
}, 90_000);

afterAll(async () => {
  console_?.disconnect();
  await server?.stop();
});

describe('identity fields', () => {
  it('are read and written one patient at a time, by the organisation’s clinicians', async () => {
    const got = await call<PatientIdentityView>(server, 'GET', `/patients/${patients[0]!.id}/identity`, clinician.token);
    expect(got.body).toMatchObject({ patientId: patients[0]!.id, ...IDENTITY });
    expect(got.headers.get('cache-control')).toBe('no-store');
    const cleared = await call<PatientIdentityView>(server, 'PUT', `/patients/${patients[1]!.id}/identity`, clinician.token, { ...IDENTITY, phone: '' });
    expect(cleared.body.phone).toBeNull();
    await call(server, 'PUT', `/patients/${patients[1]!.id}/identity`, clinician.token, IDENTITY);
  });

  it('refuse a bad body with the field at fault, and change nothing', async () => {
    const before = await server.store.findIdentity(patients[0]!.id);
    const bad = await call<{ error: { issues: { path: string }[] } }>(server, 'PUT', `/patients/${patients[0]!.id}/identity`, clinician.token, {
      name: 'x'.repeat(201),
      dateOfBirth: '23/04/1971',
      nickname: 'Jeannot',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path).sort()).toEqual(['(root)', 'dateOfBirth', 'name']);
    expect(await server.store.findIdentity(patients[0]!.id)).toEqual(before);
  });

  it('never appear in lists, sessions, logs or any export, for a clinician or a researcher', async () => {
    await grantProtocol(researcher);
    const studySession = (await call<StudyView[]>(server, 'GET', '/studies', researcher.token)).body[0]!.sessions[0]!.id;
    const texts: [string, string][] = [];
    const read = async (path: string, token: string) => texts.push([path, (await call(server, 'GET', path, token)).text]);
    for (const path of ['/patients', '/sessions', `/sessions/${sessions[0]}`, `/sessions/${sessions[0]}/log`, `/sessions/${sessions[0]}/ratings`]) await read(path, clinician.token);
    for (const deidentify of ['false', 'true']) {
      for (const f of ['csv', 'csv&table=events', 'csv&table=instruments', 'json', 'fhir']) await read(`/sessions/${sessions[0]}/export?format=${f}&deidentify=${deidentify}`, clinician.token);
      for (const f of ['csv', 'csv&table=events', 'json']) await read(`/studies/${PROTOCOL}/export?format=${f}&deidentify=${deidentify}`, clinician.token);
      const zip = await download(server, `/studies/${PROTOCOL}/export?format=zip&deidentify=${deidentify}`, clinician.token);
      for (const [name, f] of unzipStored(zip.bytes)) texts.push([`clinician zip ${name}`, f.text]);
    }
    for (const f of ['csv', 'csv&table=events', 'csv&table=instruments', 'json']) await read(`/studies/${PROTOCOL}/export?format=${f}`, researcher.token);
    for (const f of ['csv', 'csv&table=events', 'json', 'fhir']) await read(`/studies/${PROTOCOL}/sessions/${studySession}/export?format=${f}`, researcher.token);
    const zip = await download(server, `/studies/${PROTOCOL}/export?format=zip`, researcher.token);
    for (const [name, f] of unzipStored(zip.bytes)) texts.push([`researcher zip ${name}`, f.text]);
    expect(texts.length).toBeGreaterThan(40);
    for (const [where, text] of texts) for (const v of IDENTITY_VALUES) expect(text, `${where} contains ${v}`).not.toContain(v);
  });
});

async function grantProtocol(to: LoginResponse) {
  const existing = (await call<GrantView[]>(server, 'GET', '/admin/grants', server.admin.token)).body;
  if (existing.some((g) => g.researcherId === to.account.id && g.kind === 'protocol')) return;
  const r = await call(server, 'POST', '/admin/grants', server.admin.token, { kind: 'protocol', researcherId: to.account.id, protocolId: PROTOCOL });
  expect(r.status).toBe(201);
}

describe('research grants and de-identified exports', () => {
  /** What a researcher must never see: patient codes and ids, internal session ids, clinicians, free text. */
  const forbidden = () => [...patients.flatMap((p) => [p.code, p.id]), ...sessions, clinician.account.id, 'dr-octave-clin', 'Octave', 'Vasseur', server.admin.account.organisationId];

  it('an administrator grants a protocol; the researcher sees the study under aliases, and nothing else', async () => {
    await grantProtocol(researcher);
    const studies = await call<StudyView[]>(server, 'GET', '/studies', researcher.token);
    expect(studies.status).toBe(200);
    expect(studies.body).toHaveLength(1);
    expect(studies.body[0]).toMatchObject({ protocolId: PROTOCOL, access: 'protocol', title: { en: expect.any(String) } });
    expect(studies.body[0]!.sessions).toHaveLength(3);
    for (const s of forbidden()) expect(studies.text).not.toContain(s);
    // Dates are shifted like the export's: whole days, never the real ones.
    const real = await Promise.all(sessions.map(async (id) => (await server.store.findSession(id))!.createdAt));
    const shown = studies.body[0]!.sessions.map((s) => s.createdAt);
    for (const [i, t] of shown.entries()) {
      expect(t).not.toBe(real[i]);
      expect(Math.abs((t - real[i]!) % 86_400_000)).toBe(0);
    }
  });

  it('exports the study in every format, de-identified, identically from one request to the next', async () => {
    const texts: string[] = [];
    for (const f of ['csv', 'csv&table=events', 'json']) {
      const a = await call(server, 'GET', `/studies/${PROTOCOL}/export?format=${f}`, researcher.token);
      expect(a.status, f).toBe(200);
      texts.push(a.text);
      if (f !== 'json') expect((await call(server, 'GET', `/studies/${PROTOCOL}/export?format=${f}`, researcher.token)).text, f).toBe(a.text);
    }
    const ratings = csvRecords(texts[0]!);
    expect(ratings).toHaveLength(3);
    // One participant, one study id, across sessions: patient 0 ran sessions 0 and 2.
    expect(ratings[0]!.participant_id).toBe(ratings[2]!.participant_id);
    expect(ratings[0]!.participant_id).not.toBe(ratings[1]!.participant_id);
    expect(JSON.parse(texts[2]!)).toMatchObject({ format: 'cueroom.study-export', deidentified: true, protocolId: PROTOCOL });
    const zip = await download(server, `/studies/${PROTOCOL}/export?format=zip`, researcher.token);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('content-disposition')).toBe(`attachment; filename=cueroom-study-${PROTOCOL}.zip`);
    const files = unzipStored(zip.bytes);
    expect([...files.keys()].filter((f) => !f.includes('/')).sort()).toEqual(['events.csv', 'ratings.csv']);
    expect([...files.keys()].filter((f) => f.startsWith('fhir/'))).toHaveLength(3);
    expect(files.get('ratings.csv')!.text).toBe(texts[0]);
    expect(JSON.parse(files.get('psych-ds/dataset_description.json')!.text).usageInfo).toBe('de-identified research export');
    for (const text of [...texts, ...[...files.values()].map((f) => f.text)]) for (const s of forbidden()) expect(text).not.toContain(s);
  });

  it('a clinician’s de-identified export of a session uses the same study key: same study id, same shift', async () => {
    const study = csvRecords((await call(server, 'GET', `/studies/${PROTOCOL}/export?format=csv`, researcher.token)).text);
    const one = csvRecords((await call(server, 'GET', `/sessions/${sessions[1]}/export?format=csv&deidentify=true`, clinician.token)).text);
    expect(one[0]).toEqual(study[1]);
    // Asked for by a researcher, a clinician's `deidentify=false` is not even a word it may say.
    expect((await call(server, 'GET', `/studies/${PROTOCOL}/export?format=csv&pseudonyms=on`, researcher.token)).status).toBe(400);
    // The key itself never leaves.
    const [key] = await server.store.db.selectFrom('study_keys').select('secret').execute();
    const all = await call(server, 'GET', `/studies/${PROTOCOL}/export?format=json`, researcher.token);
    expect(all.text).not.toContain(key!.secret);
  });

  it('a researcher always gets de-identified data, whatever they ask', async () => {
    const asked = await call(server, 'GET', `/studies/${PROTOCOL}/export?format=json&deidentify=false`, researcher.token);
    expect(asked.status).toBe(200);
    expect(JSON.parse(asked.text).deidentified).toBe(true);
    for (const s of forbidden()) expect(asked.text).not.toContain(s);
  });

  it('a session grant gives that session only, under the same alias as in the study', async () => {
    const granted = await call<GrantView>(server, 'POST', '/admin/grants', server.admin.token, { kind: 'session', researcherId: other.account.id, sessionId: sessions[1] });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ kind: 'session', protocolId: PROTOCOL, sessionId: sessions[1], researcherUsername: 'res-one-session', grantedBy: 'admin' });
    const mine = await call<StudyView[]>(server, 'GET', '/studies', other.token);
    expect(mine.body).toEqual([expect.objectContaining({ protocolId: PROTOCOL, access: 'sessions', sessions: [expect.any(Object)] })]);
    const alias = mine.body[0]!.sessions[0]!.id;
    const full = (await call<StudyView[]>(server, 'GET', '/studies', researcher.token)).body[0]!.sessions;
    expect(full[1]!.id).toBe(alias);
    const study = csvRecords((await call(server, 'GET', `/studies/${PROTOCOL}/export?format=csv`, other.token)).text);
    expect(study).toHaveLength(1);
    expect(study[0]!.session_id).toBe(alias);
    const json = await call(server, 'GET', `/studies/${PROTOCOL}/sessions/${alias}/export?format=json`, other.token);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text).session.id).toBe(alias);
    // Another session of the study, by its alias: not granted to this researcher.
    expect((await call(server, 'GET', `/studies/${PROTOCOL}/sessions/${full[0]!.id}/export?format=json`, other.token)).status).toBe(404);
    // By its internal id: not a study alias at all.
    expect((await call(server, 'GET', `/studies/${PROTOCOL}/sessions/${sessions[1]}/export?format=json`, other.token)).status).toBe(404);
  });

  it('refuses grants that make no sense, with the reason, and changes nothing', async () => {
    const grants = async () => (await call<GrantView[]>(server, 'GET', '/admin/grants', server.admin.token)).body;
    const before = await grants();
    const g = (b: object) => call<{ error: { code: string; issues?: { path: string }[] } }>(server, 'POST', '/admin/grants', server.admin.token, b);
    expect((await g({ kind: 'protocol', researcherId: clinician.account.id, protocolId: PROTOCOL })).body.error.code).toBe('rejected');
    expect((await g({ kind: 'protocol', researcherId: researcher.account.id, protocolId: PROTOCOL })).status).toBe(409);
    expect((await g({ kind: 'protocol', researcherId: researcher.account.id, protocolId: 'no-such-protocol' })).status).toBe(404);
    expect((await g({ kind: 'session', researcherId: researcher.account.id, sessionId: 'no-such-session-00' })).status).toBe(404);
    const handSteered = await call<SessionView>(server, 'POST', '/sessions', clinician.token, { patientId: patients[0]!.id });
    expect((await g({ kind: 'session', researcherId: researcher.account.id, sessionId: handSteered.body.id })).body.error.code).toBe('rejected');
    const bad = await g({ kind: 'everything', researcherId: researcher.account.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues![0]!.path).toBe('kind');
    const badId = await g({ kind: 'protocol', researcherId: researcher.account.id, protocolId: '../etc' });
    expect(badId.body.error.issues![0]!.path).toBe('protocolId');
    expect(await grants()).toEqual(before);
  });

  it('revoking a grant ends the researcher’s access at once', async () => {
    const grant = (await call<GrantView[]>(server, 'GET', '/admin/grants', server.admin.token)).body.find((x) => x.researcherId === other.account.id)!;
    expect((await call(server, 'DELETE', `/admin/grants/${grant.id}`, server.admin.token)).status).toBe(204);
    expect((await call(server, 'GET', `/studies/${PROTOCOL}/export?format=csv`, other.token)).status).toBe(403);
    expect((await call<StudyView[]>(server, 'GET', '/studies', other.token)).body).toEqual([]);
    expect((await call(server, 'DELETE', `/admin/grants/${grant.id}`, server.admin.token)).status).toBe(404);
  });

  it('neutralises spreadsheet formulas in an exported CSV', async () => {
    const p = await call<{ id: string }>(server, 'POST', '/patients', clinician.token, { code: '-A1' });
    const id = await runSession(p.body.id, 1);
    const rows = csvRecords((await call(server, 'GET', `/sessions/${id}/export?format=csv`, clinician.token)).text);
    expect(rows[0]!.participant_id).toBe("'-A1");
  });
});

describe('the access log', () => {
  /** Runs one read and returns the single access record it must have left. */
  async function oneRecord(read: () => Promise<unknown>) {
    const before = await accessCount();
    await read();
    expect(await accessCount(), 'exactly one access record').toBe(before + 1);
    return lastAccess();
  }

  it('records each read of patient data by a person exactly once: who, role, what, which patient or session, from where', async () => {
    const s = sessions[0]!;
    const p = patients[0]!.id;
    const cases: [string, () => Promise<unknown>, object][] = [
      ['patients.list', () => call(server, 'GET', '/patients', clinician.token), { patient_id: null }],
      ['sessions.list', () => call(server, 'GET', '/sessions', clinician.token), {}],
      ['identity.read', () => call(server, 'GET', `/patients/${p}/identity`, clinician.token), { patient_id: p }],
      ['identity.write', () => call(server, 'PUT', `/patients/${p}/identity`, clinician.token, IDENTITY), { patient_id: p }],
      ['session.snapshot', () => call(server, 'GET', `/sessions/${s}`, clinician.token), { session_id: s, patient_id: p }],
      ['session.log', () => call(server, 'GET', `/sessions/${s}/log`, clinician.token), { session_id: s, patient_id: p }],
      ['session.ratings', () => call(server, 'GET', `/sessions/${s}/ratings`, clinician.token), { session_id: s, patient_id: p }],
      ['session.export', () => call(server, 'GET', `/sessions/${s}/export?format=fhir`, clinician.token), { session_id: s, patient_id: p, detail: 'format=fhir identified' }],
      ['session.watch', () => console_.emitWithAck('session:watch', { sessionId: s }), { session_id: s, patient_id: p, role: 'clinician' }],
      ['study.export', () => call(server, 'GET', `/studies/${PROTOCOL}/export?format=csv`, researcher.token), { protocol_id: PROTOCOL, role: 'researcher', username: 'res-study' }],
    ];
    for (const [action, read, fields] of cases) {
      const r = await oneRecord(read);
      expect(r, action).toMatchObject({ action, organisation_id: server.admin.account.organisationId, ...fields });
      expect(r.ip, action).toMatch(/127\.0\.0\.1/);
      if (!('username' in fields)) expect(r, action).toMatchObject({ username: 'dr-octave-clin', role: 'clinician', account_id: clinician.account.id });
    }
    const studySession = (await call<StudyView[]>(server, 'GET', '/studies', researcher.token)).body[0]!.sessions[0]!.id;
    const r = await oneRecord(() => call(server, 'GET', `/studies/${PROTOCOL}/sessions/${studySession}/export?format=csv`, researcher.token));
    expect(r).toMatchObject({ action: 'session.export', role: 'researcher', session_id: s, patient_id: p, detail: 'format=csv deidentified' });
    // A refused read leaves nothing.
    const before = await accessCount();
    await call(server, 'GET', `/sessions/${s}/log`, researcher.token);
    await call(server, 'GET', `/patients/${p}/identity`, null);
    expect(await accessCount()).toBe(before);
  });

  it('is read by administrators, filtered, and that read is recorded too', async () => {
    const p = patients[1]!.id;
    await call(server, 'GET', `/patients/${p}/identity`, clinician.token);
    const byPatient = await call<AccessLogEntry[]>(server, 'GET', `/access-log?patientId=${p}&action=identity.read`, server.admin.token);
    expect(byPatient.status).toBe(200);
    expect(byPatient.body.length).toBeGreaterThan(0);
    expect(byPatient.body.every((e) => e.patientId === p && e.action === 'identity.read')).toBe(true);
    expect(byPatient.body[0]).toMatchObject({ username: 'dr-octave-clin', role: 'clinician', accountId: clinician.account.id });
    const latest = await call<AccessLogEntry[]>(server, 'GET', `/access-log?limit=1`, server.admin.token);
    expect(latest.body).toEqual([expect.objectContaining({ action: 'access-log.read', username: 'admin', patientId: p })]);
    const byAccount = await call<AccessLogEntry[]>(server, 'GET', `/access-log?accountId=${researcher.account.id}`, server.admin.token);
    expect(byAccount.body.length).toBeGreaterThan(0);
    expect(byAccount.body.every((e) => e.username === 'res-study')).toBe(true);
    const future = await call<AccessLogEntry[]>(server, 'GET', `/access-log?from=${Date.now() + 3_600_000}`, server.admin.token);
    expect(future.body).toEqual([]);
    const bad = await call<{ error: { issues: { path: string }[] } }>(server, 'GET', '/access-log?limit=5000&who=me', server.admin.token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path).sort()).toEqual(['(root)', 'limit']);
  });

  it('is append-only: the database refuses to edit or delete a record', async () => {
    const db = server.store.db;
    await expect(db.updateTable('access_log').set({ username: 'nobody' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('access_log').execute()).rejects.toThrow(/append-only/);
  });
});
