import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, loadProtocolFile } from './load';
import { PROTOCOLS_DIR } from './library';
import { protocolJsonSchema } from './jsonSchema';

// `npm run protocol -- check <file…>` · `simulate <file> --patient <profile>` · `schema`

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'check': {
      if (args.length === 0) return usage();
      let bad = 0;
      for (const file of args) {
        const r = loadProtocolFile(file);
        if (r.ok) console.log(`${file}: ok (${r.protocol.id} v${r.protocol.version}, ${r.protocol.steps.length} steps)`);
        else {
          bad++;
          for (const p of r.problems) console.error(formatProblem(p));
        }
      }
      return bad ? 1 : 0;
    }
    case 'simulate': {
      const { main: simulate } = await import('./simulate/simulate');
      return (await simulate(args)) ?? 0;
    }
    case 'schema': {
      const out = join(PROTOCOLS_DIR, 'protocol.schema.json');
      writeFileSync(out, protocolJsonSchema());
      console.log(`wrote ${out}`);
      return 0;
    }
    default:
      return usage();
  }
}

function usage(): number {
  console.error('usage: npm run protocol -- check <file.yaml>… | simulate <file.yaml> --patient <profile> [--out chart.svg] | schema');
  return 2;
}

process.exitCode = await main();
