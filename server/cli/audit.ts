import { pathToFileURL } from 'node:url';
import type { ChainBreak } from '../store/hashChain';
import { appliedMigrations, MIGRATIONS } from '../store/migrations';
import type { Store } from '../store/store';
import { openExisting, runMain, targetFromEnv } from './target';

// npm run audit -- verify [sessionId]
// Re-computes the hash chain of every session's log (or one) and prints OK, or the FIRST broken
// record: session, seq, what was expected and what was found. Exit code 0 all good, 1 a break, 2 error.

const PROBLEMS: Record<ChainBreak['problem'], string> = {
  'missing-or-reordered': 'a record is missing or out of order here',
  'bad-link': 'the record does not link to the record before it',
  'bad-hash': 'the record’s content does not match its hash (edited)',
  'missing-tail': 'the log does not end where the session says it does (records removed or added at the end)',
  'bad-head': 'the last record is not the one the session recorded',
};

export function describeBreak(b: ChainBreak): string {
  return `BROKEN ${b.sessionId} at seq ${b.seq}: ${PROBLEMS[b.problem]}; expected ${b.expected}, found ${b.found}`;
}

/** Verifies the chains and prints one line per session; true when every chain verifies. */
export async function verifyCommand(store: Store, sessionId: string | undefined, print: (line: string) => void): Promise<boolean> {
  const applied = await appliedMigrations(store.db);
  if (applied.length !== MIGRATIONS.length) {
    throw new Error(`the database is at migration ${applied.at(-1) ?? '(none)'}, not ${MIGRATIONS.at(-1)!.name}: start the server once to migrate it`);
  }
  const ids = sessionId ? [sessionId] : await store.listAllSessionIds();
  let broken = 0;
  for (const id of ids) {
    const report = await store.verifyLog(id);
    if (!report) throw new Error(`no session ${id}`);
    if (report.broken) broken++;
    print(report.broken ? describeBreak(report.broken) : `OK ${id} (${report.records} records)`);
  }
  print(`${ids.length} session(s) checked, ${broken} broken`);
  return broken === 0;
}

async function main(): Promise<number> {
  const [command, sessionId] = process.argv.slice(2);
  if (command !== 'verify') {
    console.error('usage: npm run audit -- verify [sessionId]   (uses DATABASE_URL, else DATA_DIR, like the server)');
    return 2;
  }
  const store = openExisting(targetFromEnv());
  try {
    return (await verifyCommand(store, sessionId, (line) => console.log(line))) ? 0 : 1;
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runMain(main);
