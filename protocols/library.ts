import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadProtocolFile, type Problem } from './load';
import type { Protocol } from './schema';

export const PROTOCOLS_DIR = resolve(import.meta.dirname);

/** Every valid protocol file in the folder (by id), and the problems of the invalid ones. */
export function loadProtocolLibrary(dir = PROTOCOLS_DIR): { protocols: Map<string, Protocol>; problems: Problem[] } {
  const protocols = new Map<string, Protocol>();
  const problems: Problem[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const r = loadProtocolFile(join(dir, name));
    if (!r.ok) problems.push(...r.problems);
    else if (protocols.has(r.protocol.id)) problems.push({ file: join(dir, name), line: 1, column: 1, message: `duplicate protocol id "${r.protocol.id}"` });
    else protocols.set(r.protocol.id, r.protocol);
  }
  return { protocols, problems };
}
