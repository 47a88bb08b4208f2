import { describe, expect, it } from 'vitest';
import { consoleStrings } from './strings';

/** Every key path of a nested strings object, e.g. `admin.grant`. */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('console strings', () => {
  it('say everything in both French and English', () => {
    expect(keys(consoleStrings.fr.translation).sort()).toEqual(keys(consoleStrings.en.translation).sort());
  });
});
