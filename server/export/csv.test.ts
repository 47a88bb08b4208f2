import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, RATING_COLUMNS } from './columns';
import { csvField, tableCsv, toCsv } from './csv';
import { derive } from './derive';
import { csvRecords, parseCsv, recordedSession } from './testing';

describe('RFC 4180', () => {
  it('quotes fields with commas, quotes or line breaks, doubles quotes, and ends every record with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "non"')).toBe('"say ""non"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
    const text = toCsv(['a', 'b'], [{ a: 'x,y', b: 'é "ü"\r\nz' }, { a: 1, b: null }]);
    expect(text).toBe('a,b\r\n"x,y","é ""ü""\r\nz"\r\n1,\r\n');
    expect(parseCsv(text)).toEqual([['a', 'b'], ['x,y', 'é "ü"\r\nz'], ['1', '']]);
  });
});

describe('spreadsheet formula injection (OWASP)', () => {
  it('prefixes an apostrophe to text cells a spreadsheet would run as a formula', () => {
    for (const attack of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = parseCsv(toCsv(['a'], [{ a: attack }]))[1]![0]!;
      expect(cell, JSON.stringify(attack)).toBe(`'${attack}`);
    }
    expect(csvField('=cmd|"/c calc"!A1')).toBe(`"'=cmd|""/c calc""!A1"`);
  });

  it('leaves numbers, harmless text and formula characters inside a cell as they are', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('{"level":-1}')).toBe('"{""level"":-1}"');
    expect(csvField('2026-07-01T10:00:00.000Z')).toBe('2026-07-01T10:00:00.000Z');
  });

  it('applies to the exported tables: a crafted participant code reaches the CSV neutralised', () => {
    const d = recordedSession();
    const input = d.input();
    const crafted = { ...input, session: { ...input.session, participantId: '=1+2' } };
    const rows = csvRecords(tableCsv('ratings', [{ input: crafted, derived: derive(crafted) }]));
    expect(rows.every((r) => r.participant_id === "'=1+2")).toBe(true);
  });
});

describe('tidy tables', () => {
  const d = recordedSession();
  const s = { input: d.input(), derived: derive(d.input()) };

  it('ratings: one row per rating, documented columns in their order, ISO times, values on their scale', () => {
    const text = tableCsv('ratings', [s]);
    expect(parseCsv(text)[0]).toEqual(RATING_COLUMNS.map((c) => c.name));
    const rows = csvRecords(text);
    expect(rows).toHaveLength(d.ratings.length);
    const [baseline, exposure, spoken] = rows;
    expect(exposure).toMatchObject({
      session_id: 'session-0001',
      participant_id: 'PX-ROSE-42',
      protocol_id: 'export-test',
      protocol_version: '3',
      rating_number: '2',
      step_index: '1',
      step_type: 'exposure',
      scene_id: 'bar',
      level: '3',
      active_use: 'none',
      active_use_since_s: '15',
      active_use_during_answer: 'false',
      prompt_deferred_ms: '26000',
      prompted_at: new Date(d.ratings[1]!.promptedAt!).toISOString(),
      answered_at: new Date(d.ratings[1]!.answeredAt).toISOString(),
      latency_ms: '3000',
      value: '40',
      scale: 'vas',
      scale_max: '100',
      value_100: '40',
      source: 'headset',
    });
    expect(exposure!.answered_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(baseline).toMatchObject({ step_type: 'baseline', step_index: '0', session_time_s: '2', active_use_since_s: '' });
    expect(spoken).toMatchObject({ source: 'spoken', scale: 'nrs10', value: '2', scale_max: '10', value_100: '20', prompted_at: '', latency_ms: '', prompt_deferred_ms: '', active_use_during_answer: '' });
  });

  it('events: one row per log record, in order, with the data as JSON', () => {
    const text = tableCsv('events', [s]);
    expect(parseCsv(text)[0]).toEqual(EVENT_COLUMNS.map((c) => c.name));
    const rows = csvRecords(text);
    expect(rows.map((r) => Number(r.seq))).toEqual(d.log.map((e) => e.seq));
    expect(rows.map((r) => JSON.parse(r.data!))).toEqual(d.log.map((e) => e.data));
    expect(rows.find((r) => r.type === 'rating.deferred')).toMatchObject({ actor: 'runtime', step_index: '1', step_type: 'exposure' });
  });

  it('concatenates sessions in the order given, under one header', () => {
    const other = recordedSession({ sessionId: 'session-0002' });
    const both = csvRecords(tableCsv('ratings', [s, { input: other.input(), derived: derive(other.input()) }]));
    expect(both.map((r) => r.session_id)).toEqual(['session-0001', 'session-0001', 'session-0001', 'session-0002', 'session-0002', 'session-0002']);
  });
});
