import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, PatientView, SessionView } from '../../contract';
import { type RunningServer, startServer } from '../../server/app';
import { writeStudyExport } from '../../server/cli/studyExport';
import { EVENT_COLUMNS, RATING_COLUMNS } from '../../server/export/columns';
import { csvRecords, parseCsv } from '../../server/export/testing';
import { type FhirValidator, fhirValidator, unresolvedReferences } from '../support/fhirSchema';
import { clinicianOfAnotherOrganisation, connected, http, pairHeadset, passPreCheck, socketFor, type TestSocket } from '../support/testServer';

// A real server on a real SQLite file: a short protocol session through the socket API, then its
// export over HTTP in every format, the access rules, and the study export of the CLI.

const PROTOCOL = `
id: export-it
version: 2
title: { fr: Export, en: Export }
substance: alcohol
patientTexts:
  welcome: { fr: Bienvenue, en: Welcome }
  ratingQuestion: { fr: Envie de boire ?, en: Urge to drink? }
  pause: { fr: Pause, en: Paused }
scale: { kind: vas }
safety: { ceiling: 60, baselineMargin: 15, cooldownSeconds: 2, answerSeconds: 5 }
preSessionCheck:
  - { id: abstinent-today, text: { fr: Abstinent ?, en: Abstinent? }, blocksIf: "no" }
  - { id: intoxicated, text: { fr: Intoxiqué ?, en: Intoxicated? }, blocksIf: "yes" }
  - { id: acute-crisis, text: { fr: Crise ?, en: Crisis? }, blocksIf: "yes" }
steps:
  - { type: baseline, scene: gallery, durationSeconds: 600, rateAt: [start] }
  - { type: exposure, scene: bar, level: 3, minSeconds: 600, maxSeconds: 1200, ratingEverySeconds: 600, advance: { rule: threshold, atOrBelow: 10 } }
  - { type: washout, scene: nature, untilNearBaseline: { margin: 10 }, maxSeconds: 600, ratingEverySeconds: 600 }
`;
const CODE = 'ROSE-7731';
const USERNAME = 'dr-zoe-export';
const FREE_TEXT = 'Raccompagnée par sa sœur Julie Ferrand';
const DAY = 86_400_000;

let server: RunningServer;
let dataDir: string;
let clinician: LoginResponse;
let fhir: FhirValidator;
let sessionId: string;
let patient: PatientView;
const sockets: TestSocket[] = [];
const uuid = () => crypto.randomUUID();

async function get(path: string, token: string | null) {
  const res = await fetch(`${server.url}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 8_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function command(socket: TestSocket, c: object) {
  const ack = await socket.emitWithAck('session:command', { id: uuid(), sessionId, command: c } as never);
  if (!ack.ok) throw new Error(`${JSON.stringify(c)}: ${ack.error.message}`);
}

/** The headset reports that it shows what the server last asked for. */
async function applied(headset: TestSocket, sinceMs = 0) {
  const { directive } = (await server.sessions.snapshot(sessionId))!;
  const ack = await headset.emitWithAck('headset:applied', { id: uuid(), revision: directive.revision, scene: directive.scene, sinceMs });
  if (!ack.ok) throw new Error(ack.error.message);
}

async function answerPrompt(headset: TestSocket, value: number) {
  const prompt = await until('a prompt', async () => (await server.sessions.snapshot(sessionId))!.directive.prompt);
  const ack = await headset.emitWithAck('rating:submit', { id: uuid(), promptId: prompt.promptId, value });
  if (!ack.ok) throw new Error(ack.error.message);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cueroom-export-'));
  const protocolsDir = join(dataDir, 'protocols');
  mkdirSync(protocolsDir);
  writeFileSync(join(protocolsDir, 'export-it.yaml'), PROTOCOL);
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, serveClient: false, log: pino({ level: 'silent' }), protocolsDir });
  const admin = await server.accounts.completeSetup(server.setupToken!, 'admin', 'correct-horse-battery');
  await server.accounts.createAccount({ organisationId: admin.account.organisationId, username: USERNAME, password: 'a-long-clinician-password', roles: ['clinician'] });
  clinician = await server.accounts.login(USERNAME, 'a-long-clinician-password');
  fhir = fhirValidator();

  patient = (await http<PatientView>(server, '/patients', clinician.token, { code: CODE })).body;
  const session = await http<SessionView>(server, '/sessions', clinician.token, { patientId: patient.id, protocolId: 'export-it' });
  expect(session.status).toBe(201);
  sessionId = session.body.id;

  const console_ = socketFor(server, { kind: 'clinician', token: clinician.token });
  sockets.push(console_);
  await connected(console_);
  expect((await console_.emitWithAck('session:watch', { sessionId })).ok).toBe(true);
  const { headset } = await pairHeadset(server, console_, sessionId);
  sockets.push(headset);
  await until('the headset link', async () => server.sessions.link(sessionId).connected);
  await applied(headset);
  await passPreCheck(console_, sessionId);

  // Baseline in the gallery: rated at once.
  await applied(headset);
  await answerPrompt(headset, 20);
  // Exposure in the bar at level 3: a patron drinks on screen; the rating asked meanwhile waits for
  // the end of the segment and the 2 s cool-down.
  await command(console_, { type: 'advance' });
  await applied(headset, 30_000);
  await headset.emitWithAck('headset:segment', { id: uuid(), segmentId: 'patron-sips', showing: true });
  await command(console_, { type: 'requestRating', scale: 'vas' });
  expect((await server.sessions.snapshot(sessionId))!.pending).toMatchObject({ deferred: true, reason: 'active-use-showing' });
  await new Promise((r) => setTimeout(r, 300));
  await headset.emitWithAck('headset:segment', { id: uuid(), segmentId: 'patron-sips', showing: false });
  await answerPrompt(headset, 40);
  await command(console_, { type: 'override', target: 'close', reason: FREE_TEXT });
  // Wash-out in nature: a spoken 0–10 rating back near baseline ends the protocol and the session.
  await command(console_, { type: 'advance' });
  await applied(headset);
  await command(console_, { type: 'spokenRating', scale: 'nrs10', value: 2 });
  expect((await server.store.findSession(sessionId))!.status).toBe('ended');
}, 60_000);

afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/sessions/:id/export', () => {
  it('csv: one row per stored rating, the documented columns, values and context right', async () => {
    const res = await get(`/sessions/${sessionId}/export?format=csv`, clinician.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=cueroom-session-${sessionId}-ratings.csv`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(parseCsv(res.text)[0]).toEqual(RATING_COLUMNS.map((c) => c.name));
    const stored = await server.store.listRatings(sessionId);
    const rows = csvRecords(res.text);
    expect(rows).toHaveLength(stored.length);
    expect(rows.map((r) => [r.rating_id, r.value, r.scale, r.source, r.scene_id, r.level, r.step_index, r.step_type, r.answered_at])).toEqual(
      stored.map((r, i) => [r.id, String(r.value), r.scale, r.source, r.sceneId, String(r.level), String(i), ['baseline', 'exposure', 'washout'][i], new Date(r.answeredAt).toISOString()]),
    );
    expect(rows.every((r) => r.participant_id === CODE && r.protocol_id === 'export-it' && r.protocol_version === '2' && r.active_use === 'none')).toBe(true);
    // The deferred rating: asked once the segment had ended and the cool-down was over.
    expect(Number(rows[1]!.prompt_deferred_ms)).toBeGreaterThanOrEqual(2_000);
    expect(Number(rows[1]!.active_use_since_s)).toBeGreaterThanOrEqual(2);
    expect(rows[1]!.active_use_during_answer).toBe('false');
    expect(rows[2]).toMatchObject({ source: 'spoken', scale: 'nrs10', value: '2', value_100: '20', prompted_at: '' });
  });

  it('csv events: one row per log record; instruments: a header only, none being collected yet', async () => {
    const events = await get(`/sessions/${sessionId}/export?format=csv&table=events`, clinician.token);
    expect(events.headers.get('content-disposition')).toContain(`cueroom-session-${sessionId}-events.csv`);
    expect(parseCsv(events.text)[0]).toEqual(EVENT_COLUMNS.map((c) => c.name));
    const log = await server.store.listLog(sessionId);
    const rows = csvRecords(events.text);
    expect(rows.map((r) => [Number(r.seq), r.type, JSON.parse(r.data!)])).toEqual(log.map((e) => [e.seq, e.type, e.data]));
    const instruments = await get(`/sessions/${sessionId}/export?format=csv&table=instruments`, clinician.token);
    expect(parseCsv(instruments.text)).toHaveLength(1);
  });

  it('json: the complete log in order, the protocol as run, and the ratings', async () => {
    const res = await get(`/sessions/${sessionId}/export?format=json`, clinician.token);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=cueroom-session-${sessionId}.json`);
    const json = JSON.parse(res.text);
    const log = await server.store.listLog(sessionId);
    expect(json.events.map((e: { seq: number; at: string; type: string; actor: string; data: unknown }) => [e.seq, e.at, e.actor, e.type, e.data])).toEqual(
      log.map((e) => [e.seq, new Date(e.at).toISOString(), e.actor, e.type, e.data]),
    );
    expect(json.events.map((e: { seq: number }) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(json).toMatchObject({ deidentified: false, session: { id: sessionId, participantId: CODE, status: 'ended' }, protocol: { id: 'export-it', version: 2 } });
    expect(json.ratings).toHaveLength(3);
  });

  it('fhir: a Bundle that validates against the FHIR R4 schema, with references that resolve', async () => {
    const res = await get(`/sessions/${sessionId}/export?format=fhir`, clinician.token);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; fhirVersion=4.0; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=cueroom-session-${sessionId}.fhir.json`);
    const bundle = JSON.parse(res.text);
    expect(fhir.validate(bundle)).toEqual([]);
    for (const e of bundle.entry) expect(fhir.validate(e.resource), e.resource.resourceType).toEqual([]);
    expect(unresolvedReferences(bundle)).toEqual([]);
    const types = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    expect(types.filter((t: string) => t === 'Observation')).toHaveLength(3);
    expect(types.filter((t: string) => t === 'Questionnaire')).toHaveLength(2);
    expect(types).not.toContain('QuestionnaireResponse');
  });

  it('deidentify=true: no pseudonym, internal id, clinician or free text in any format, and dates shifted by whole days', async () => {
    const formats = ['format=csv', 'format=csv&table=events', 'format=json', 'format=fhir'];
    const texts = await Promise.all(formats.map(async (f) => (await get(`/sessions/${sessionId}/export?${f}&deidentify=true`, clinician.token)).text));
    const forbidden = [CODE, patient.id, clinician.account.id, USERNAME, sessionId, 'Julie', 'Ferrand', clinician.account.organisationId];
    for (const [i, text] of texts.entries()) for (const s of forbidden) expect(text, `${formats[i]}: ${s}`).not.toContain(s);

    const real = csvRecords((await get(`/sessions/${sessionId}/export?format=csv`, clinician.token)).text);
    const shifted = csvRecords(texts[0]!);
    const deltas = shifted.map((r, i) => Date.parse(r.answered_at!) - Date.parse(real[i]!.answered_at!));
    expect(new Set(deltas).size).toBe(1);
    expect(Math.abs(deltas[0]!) % DAY).toBe(0);
    expect(deltas[0]).not.toBe(0);
    expect(shifted.map((r) => [r.value, r.active_use, r.step_type, r.session_time_s])).toEqual(real.map((r) => [r.value, r.active_use, r.step_type, r.session_time_s]));
    const bundle = JSON.parse(texts[3]!);
    expect(fhir.validate(bundle)).toEqual([]);
    expect(JSON.parse(texts[2]!).deidentified).toBe(true);
  });

  it('refuses without sign-in, for another organisation, without the clinician role, for a bad query or unknown session; and changes nothing', async () => {
    const before = [await server.store.listLog(sessionId), await server.store.listRatings(sessionId)];
    const other = await clinicianOfAnotherOrganisation(server, 'dr-elsewhere-export');
    const adminOnly = await server.accounts.createAccount({ organisationId: clinician.account.organisationId, username: 'it-admin-export', password: 'an-admin-password', roles: ['admin'] });
    const adminToken = (await server.accounts.login(adminOnly.username, 'an-admin-password')).token;

    expect((await get(`/sessions/${sessionId}/export?format=csv`, null)).status).toBe(401);
    expect((await get(`/sessions/${sessionId}/export?format=csv`, 'x'.repeat(43))).status).toBe(401);
    const foreign = await get(`/sessions/${sessionId}/export?format=json`, other.token);
    expect(foreign.status).toBe(403);
    expect(foreign.text).not.toContain(CODE);
    expect((await get(`/sessions/${sessionId}/export?format=fhir&deidentify=true`, other.token)).status).toBe(403);
    expect((await get(`/sessions/${sessionId}/export?format=csv`, adminToken)).status).toBe(403);
    expect((await get(`/sessions/no-such-session-0000/export?format=csv`, clinician.token)).status).toBe(404);

    const bad = async (query: string) => {
      const r = await get(`/sessions/${sessionId}/export?${query}`, clinician.token);
      expect(r.status, query).toBe(400);
      return JSON.parse(r.text).error as { code: string; message: string; issues: { path: string; message: string }[] };
    };
    const xml = await bad('format=xml');
    expect(xml).toMatchObject({ code: 'invalid_payload', issues: [{ path: 'format', message: 'expected format=csv, json or fhir' }] });
    expect(xml.message).toContain('format=csv|json|fhir');
    expect((await bad('')).issues[0]!.path).toBe('format');
    expect((await bad('format=json&table=events')).issues[0]).toEqual({ path: 'table', message: 'table applies to format=csv only' });
    expect((await bad('format=csv&table=patients')).issues[0]!.path).toBe('table');
    expect((await bad('format=csv&deidentify=yes')).issues[0]!.path).toBe('deidentify');
    expect((await bad('format=csv&pseudonyms=off')).issues[0]!.path).toBe('(root)');
    expect((await bad('format=csv&format=json')).issues[0]!.path).toBe('format');

    expect([await server.store.listLog(sessionId), await server.store.listRatings(sessionId)]).toEqual(before);
  });
});

describe('npm run export (study folder)', () => {
  it('writes every session of the protocol: CSVs, per-session JSON and FHIR, and a Psych-DS dataset, de-identified under a seed', async () => {
    const out = join(dataDir, 'study');
    const summary = await writeStudyExport(server.store, { protocolId: 'export-it', out, deidentify: true, seed: 'study-secret', exportedAt: Date.UTC(2026, 6, 1) });
    expect(summary).toMatchObject({ sessions: 1, ratings: 3, events: (await server.store.listLog(sessionId)).length });
    const files = walk(out).sort();
    expect(files.filter((f) => !f.startsWith('sessions/') && !f.startsWith('fhir/'))).toEqual([
      'events.csv',
      'psych-ds/README.md',
      'psych-ds/data/study-exportIt_description-events_data.csv',
      'psych-ds/data/study-exportIt_description-ratings_data.csv',
      'psych-ds/dataset_description.json',
      'ratings.csv',
    ]);
    expect(files.filter((f) => f.startsWith('sessions/'))).toHaveLength(1);
    const [bundleFile] = files.filter((f) => f.startsWith('fhir/'));
    expect(fhir.validate(JSON.parse(readFileSync(join(out, bundleFile!), 'utf8')))).toEqual([]);
    expect(csvRecords(readFileSync(join(out, 'ratings.csv'), 'utf8'))).toHaveLength(3);
    const everything = files.map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    for (const s of [CODE, patient.id, clinician.account.id, USERNAME, sessionId, 'Julie']) expect(everything, s).not.toContain(s);
    const description = JSON.parse(readFileSync(join(out, 'psych-ds/dataset_description.json'), 'utf8'));
    expect(description).toMatchObject({ '@context': 'https://schema.org/', '@type': 'Dataset' });

    // The same seed gives the same study, byte for byte (but for nothing: the export time is fixed here).
    const again = join(dataDir, 'study-again');
    await writeStudyExport(server.store, { protocolId: 'export-it', out: again, deidentify: true, seed: 'study-secret', exportedAt: Date.UTC(2026, 6, 1) });
    expect(readFileSync(join(again, 'ratings.csv'), 'utf8')).toBe(readFileSync(join(out, 'ratings.csv'), 'utf8'));
    await expect(writeStudyExport(server.store, { protocolId: 'export-it', out, deidentify: false, exportedAt: 0 })).rejects.toThrow(/not empty/);
    await expect(writeStudyExport(server.store, { protocolId: 'no-such-protocol', out: join(dataDir, 'none'), deidentify: false, exportedAt: 0 })).rejects.toThrow(/no session ran/);
  });

  it('runs as a command on the server’s database file, and explains its flags', async () => {
    const run = promisify(execFile);
    const out = join(dataDir, 'cli');
    const env = { ...process.env, DATA_DIR: dataDir };
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/cli/export.ts', ...args], { env });
    const { stdout } = await cli('--protocol', 'export-it', '--out', out);
    expect(stdout).toContain('1 session(s), 3 rating(s)');
    expect(stdout).toContain('Identified export');
    expect(readFileSync(join(out, 'ratings.csv'), 'utf8')).toContain(CODE);
    const wrong = await cli('--protocl', 'export-it').catch((e: { code: number; stderr: string }) => e);
    expect(wrong).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run export') });
  }, 60_000);
});

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f), `${prefix}${f}/`) : [`${prefix}${f}`]));
}
