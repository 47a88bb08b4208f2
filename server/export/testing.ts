import type { LogEntry, Rating } from '../../contract';
import { Driver, protocolOf, testContext } from '../../protocols/runtime/testing';
import type { SessionInput } from '../../protocols/runtime/runtime';
import type { Decision } from '../../protocols/runtime/state';
import type { Protocol } from '../../protocols/schema';
import type { ExportInput } from './input';

// Shared by the export's tests: sessions recorded from the real runtime, with the log and ratings the
// session service would have stored (same seq numbering, rating id = the client's write id).

export const CHECK_OK = { answers: { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' } } as const;

export class RecordingDriver extends Driver {
  readonly log: LogEntry[] = [];
  readonly ratings: Rating[] = [];

  constructor(
    readonly protocol: Protocol | null,
    readonly sessionId = 'session-0001',
    readonly patientId = 'patient-internal-0001',
  ) {
    super(testContext(protocol), { t0: Date.UTC(2026, 2, 14, 9, 30) });
    this.log.push({
      sessionId,
      seq: 1,
      at: this.now,
      actor: 'clinician',
      type: 'session.opened',
      data: { clinicianId: 'clinician-internal-0001', patientId, protocol: protocol ? { id: protocol.id, version: protocol.version } : null, context: null },
    });
  }

  override send(input: SessionInput, opts?: { allowRefusal?: boolean }): Decision {
    const d = super.send(input, opts);
    if (!d.ok) return d;
    for (const r of d.records) this.log.push({ sessionId: this.sessionId, seq: this.log.length + 1, at: this.now, actor: r.actor, type: r.type, data: r.data });
    if (d.rating) {
      const id = input.kind === 'rating' ? input.submission.id : input.kind === 'command' ? input.writeId : 'unknown';
      const r = d.rating;
      this.ratings.push({
        id,
        sessionId: this.sessionId,
        promptId: r.promptId,
        scale: r.scale,
        value: r.value,
        source: r.source,
        promptedAt: r.promptedAt,
        answeredAt: this.now,
        sceneId: r.scene.sceneId,
        level: r.scene.level,
      });
    }
    return d;
  }

  input(participantId = 'PX-ROSE-42'): ExportInput {
    return {
      session: {
        id: this.sessionId,
        patientId: this.patientId,
        participantId,
        status: this.state.status,
        createdAt: this.log[0]!.at,
        endedAt: this.state.status === 'ended' ? this.log.at(-1)!.at : null,
        patientActiveUse: this.state.patientActiveUse,
        activeUseOverride: this.state.overrides.patientActiveUse !== null,
        context: this.state.protocol?.context ?? null,
      },
      protocol: this.protocol,
      log: [...this.log],
      ratings: [...this.ratings],
      deidentified: false,
    };
  }
}

/**
 * A short protocol session through the real runtime: baseline in the gallery (rated at once, 20),
 * exposure in the bar at level 3 where the scheduled rating falls due during a patron drinking and is
 * deferred past the cool-down (40), then wash-out in nature with a spoken 0–10 rating (2) that ends it.
 */
export function recordedSession(opts: { sessionId?: string; patientId?: string; sinceMs?: number } = {}): RecordingDriver {
  const protocol = protocolOf({
    id: 'export-test',
    version: 3,
    patientTexts: {
      welcome: { fr: 'Bienvenue', en: 'Welcome' },
      ratingQuestion: { fr: 'Quelle est la force de votre envie de boire ?', en: 'How strong is your urge to drink?' },
      pause: { fr: 'Pause', en: 'Paused' },
    },
    safety: { ceiling: 60, baselineMargin: 15, cooldownSeconds: 15, answerSeconds: 20, linkLossSeconds: 3 },
    instruments: [
      {
        name: 'AUQ',
        when: ['pre'],
        itemMin: 1,
        itemMax: 7,
        items: [
          { id: 'want', text: { fr: 'J’ai envie de boire', en: 'I want a drink now' } },
          { id: 'control', text: { fr: 'Je pourrais me retenir', en: 'I could control it' } },
        ],
      },
    ],
    steps: [
      { type: 'baseline', scene: 'gallery', durationSeconds: 600, rateAt: ['start'] },
      { type: 'exposure', scene: 'bar', level: 3, minSeconds: 600, maxSeconds: 1200, ratingEverySeconds: 60, advance: { rule: 'threshold', atOrBelow: 10 } },
      { type: 'washout', scene: 'nature', untilNearBaseline: { margin: 10 }, maxSeconds: 600, ratingEverySeconds: 300 },
    ],
  });
  const d = new RecordingDriver(protocol, opts.sessionId, opts.patientId);
  d.send({ kind: 'paired' });
  d.send({ kind: 'link', up: true });
  d.applyDirective();
  d.command({ type: 'preCheck', ...CHECK_OK });
  d.applyDirective();
  d.advance(2_000);
  d.answer(20);
  d.advance(5_000);
  d.command({ type: 'advance' });
  d.applyDirective(opts.sinceMs ?? 0);
  // Bar level 3: a patron drinks 20–26 s, 65–71 s… (level clock). With sinceMs 0 the rating due at
  // 60 s waits until 71 + 15 s.
  for (let i = 0; i < 200 && !d.state.directive.prompt; i++) d.advance(1_000);
  d.advance(3_000);
  d.answer(40);
  d.command({ type: 'advance' });
  d.applyDirective();
  d.advance(4_000);
  d.command({ type: 'spokenRating', scale: 'nrs10', value: 2 });
  return d;
}

/** The record an instrument's answers are expected to leave in the log (not administered by the product yet). */
export function withInstrumentAnswers(input: ExportInput, answers: Record<string, number>): ExportInput {
  const at = input.log[1]!.at + 1_000;
  const entry: LogEntry = { sessionId: input.session.id, seq: input.log.length + 1, at, actor: 'clinician', type: 'instrument.answered', data: { instrument: 'AUQ', when: 'pre', answers } };
  return { ...input, log: [...input.log, entry] };
}

/** A strict RFC 4180 reader (CRLF records, quoted fields), to read exports back in tests. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else if (text[i] === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (text[i] === '\n' || text[i] === '\r') {
      throw new Error(`bare line break at ${i}`);
    } else field += text[i++];
  }
  if (field !== '' || row.length) throw new Error('last record lacks its CRLF');
  return rows;
}

/** Rows as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

/** Reads a stored (uncompressed) zip through its central directory, as an unzip tool does. */
export function unzipStored(zip: Buffer): Map<string, { text: string; crc: number }> {
  const end = zip.length - 22;
  if (zip.readUInt32LE(end) !== 0x06054b50) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, { text: string; crc: number }>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('bad local header');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, { text: zip.subarray(dataAt, dataAt + size).toString('utf8'), crc });
    at += 46 + nameLength;
  }
  return out;
}
