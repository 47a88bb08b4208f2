import { describe, expect, it } from 'vitest';
import { unzipStored } from './testing';
import { crc32, zipFiles } from './zip';

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('stores every file under its UTF-8 path with its CRC', () => {
    const files = new Map([
      ['ratings.csv', 'a,b\r\n1,2\r\n'],
      ['psych-ds/README.md', '# Étude — café\n'],
      ['empty.txt', ''],
    ]);
    const back = unzipStored(zipFiles(files, Date.UTC(2026, 6, 1, 12, 30, 10)));
    expect([...back.keys()]).toEqual([...files.keys()]);
    for (const [path, text] of files) expect(back.get(path)).toEqual({ text, crc: crc32(Buffer.from(text)) });
  });
});
