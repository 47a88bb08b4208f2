import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreFrom } from '../store/backup';
import { describeTarget } from '../store/database';
import { verifyCommand } from './audit';
import { runMain, targetFromEnv } from './target';

// npm run restore -- <backup file> [--force]
// Restores a backup (SQLite file or JSON dump) into DATABASE_URL / DATA_DIR. Stop the server first.
// The target must be empty unless --force; afterwards every log chain is verified.

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error('usage: npm run restore -- <backup file> [--force]   (into DATABASE_URL, else DATA_DIR)');
    return 2;
  }
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const target = targetFromEnv();
  const store = await restoreFrom(resolve(file), target, { force: values.force });
  try {
    console.log(`restored ${file} into ${describeTarget(target)}`);
    return (await verifyCommand(store, undefined, (line) => console.log(line))) ? 0 : 1;
  } finally {
    await store.close();
  }
}

runMain(main);
