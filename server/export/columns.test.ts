import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_COLUMNS } from './columns';

// docs/data-dictionary.md is the researchers' reference: it must name every column in order, with the
// same descriptions the exports carry.

const doc = readFileSync(new URL('../../docs/data-dictionary.md', import.meta.url), 'utf8');

function documented(table: string): { name: string; en: string; fr: string }[] {
  const start = doc.indexOf(`### Table \`${table}\``);
  expect(start, `docs/data-dictionary.md has a "### Table \`${table}\`" section`).toBeGreaterThanOrEqual(0);
  const section = doc.slice(start).split('\n').slice(1);
  const rows = section.slice(section.findIndex((l) => l.startsWith('|')) + 2);
  return rows
    .slice(0, rows.findIndex((l) => !l.startsWith('|')))
    .map((l) => l.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '')))
    .map(([name, en, fr]) => ({ name: name!.replaceAll('`', ''), en: en!, fr: fr! }));
}

describe('data dictionary', () => {
  it.each(Object.keys(TABLE_COLUMNS))('documents every column of %s, in order, in English and French', (table) => {
    expect(documented(table)).toEqual(TABLE_COLUMNS[table as keyof typeof TABLE_COLUMNS].map(({ name, en, fr }) => ({ name, en, fr })));
  });
});
