import { describe, expect, it } from 'vitest';
import { TABLE_COLUMNS } from './columns';
import { derive } from './derive';
import type { ExportInput } from './input';
import { keywordValue, PSYCH_DS_DATA_FILE, psychDsDataset } from './psychds';
import { parseCsv, recordedSession, withInstrumentAnswers } from './testing';

const exportedAt = Date.UTC(2026, 5, 30);
const datasetOf = (inputs: ExportInput[], deidentified = true) =>
  psychDsDataset({ protocol: inputs[0]!.protocol!, sessions: inputs.map((input) => ({ input, derived: derive(input) })), deidentified, exportedAt });

describe('Psych-DS dataset', () => {
  const a = recordedSession({ sessionId: 'session-a' }).input();
  const b = recordedSession({ sessionId: 'session-b' }).input();

  it('names data files by keyword-value pairs ending in _data.csv, under data/', () => {
    expect(keywordValue('alcohol-alcovr-booster')).toBe('alcoholAlcovrBooster');
    const files = [...datasetOf([a, b]).keys()];
    expect(files.sort()).toEqual(['README.md', 'data/study-exportTest_description-events_data.csv', 'data/study-exportTest_description-ratings_data.csv', 'dataset_description.json']);
    for (const f of files.filter((f) => f.startsWith('data/'))) expect(f.slice('data/'.length)).toMatch(PSYCH_DS_DATA_FILE);
  });

  it('describes the dataset as schema.org JSON-LD, with every column of every data file in variableMeasured', () => {
    const files = datasetOf([a, b]);
    const description = JSON.parse(files.get('dataset_description.json')!);
    expect(description).toMatchObject({ '@context': 'https://schema.org/', '@type': 'Dataset', schemaVersion: 'Psych-DS 1.0.0' });
    expect(description.name).toContain('export-test v3');
    expect(description.description).toMatch(/2 VR cue-exposure session\(s\).*De-identified/);
    const measured = new Map(description.variableMeasured.map((v: { name: string; description: string }) => [v.name, v]));
    for (const [path, body] of files) {
      if (!path.startsWith('data/')) continue;
      for (const column of parseCsv(body)[0]!) expect(measured.get(column), `${path}: ${column}`).toMatchObject({ '@type': 'PropertyValue', description: expect.stringMatching(/\S+ \/ \S+/) });
    }
    expect(measured.size).toBe(new Set([...TABLE_COLUMNS.ratings, ...TABLE_COLUMNS.events].map((c) => c.name)).size);
  });

  it('holds both sessions’ rows, adds the instruments table only when answers exist, and says when it is identified', () => {
    const files = datasetOf([a, withInstrumentAnswers(b, { want: 1, control: 7 })], false);
    expect(parseCsv(files.get('data/study-exportTest_description-ratings_data.csv')!)).toHaveLength(1 + a.ratings.length + b.ratings.length);
    expect(parseCsv(files.get('data/study-exportTest_description-instruments_data.csv')!)).toHaveLength(3);
    expect(JSON.parse(files.get('dataset_description.json')!).description).toMatch(/NOT de-identified/);
    expect(files.get('README.md')).toMatch(/NOT de-identified/);
  });
});
