import { describe, expect, it } from 'vitest';
import { crc32, zipFiles } from './zip';

/** Reads a stored (uncompressed) zip through its central directory, as an unzip tool does. */
function unzip(zip: Buffer): Map<string, { text: string; crc: number }> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, { text: string; crc: number }>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, { text: zip.subarray(dataAt, dataAt + size).toString('utf8'), crc });
    at += 46 + nameLength;
  }
  return out;
}

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
    const back = unzip(zipFiles(files, Date.UTC(2026, 6, 1, 12, 30, 10)));
    expect([...back.keys()]).toEqual([...files.keys()]);
    for (const [path, text] of files) expect(back.get(path)).toEqual({ text, crc: crc32(Buffer.from(text)) });
  });
});
