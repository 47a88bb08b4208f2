import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { startServer } from './app';
import { describeTarget } from './store/database';

// `npm start`: one process serves the console, the headset app and Socket.IO, with data in ./data.

const lan = process.argv.includes('--lan') || process.env.HTTPS === '1';
const port = Number(process.env.PORT ?? 8080);
const httpsPort = Number(process.env.HTTPS_PORT ?? 8443);
const dataDir = resolve(process.env.DATA_DIR ?? 'data');

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

const addresses = lan ? lanAddresses() : [];
const databaseUrl = process.env.DATABASE_URL;
const server = await startServer({ port, dataDir, databaseUrl, httpsPort: lan ? httpsPort : undefined, lanHosts: addresses }).catch((err: unknown) => {
  // A failed migration says which one and why; the database was left as it was.
  console.error(`CueRoom could not start / CueRoom n’a pas pu démarrer: ${(err as Error).message}`);
  process.exit(1);
});

const lines = [
  '',
  `CueRoom is running / CueRoom est lancé`,
  `  Console (clinician / clinicien):  ${server.url}/console/`,
  `  Headset (casque, on this machine): ${server.url}/headset/`,
  `  Data (données): ${describeTarget({ databaseUrl, dataDir })}`,
];
if (lan) {
  for (const a of addresses) lines.push(`  Headset on the LAN / casque sur le réseau local: https://${a}:${httpsPort}/headset/`);
  if (addresses.length === 0) lines.push(`  No network interface found / aucune interface réseau : https://localhost:${httpsPort}/headset/`);
  lines.push('  (self-signed certificate: accept the warning once in the headset browser / certificat auto-signé : accepter l’avertissement une fois)');
}
if (server.setupToken) {
  lines.push(
    '',
    'First start: create the administrator account with this one-time link / Premier démarrage : créer le compte administrateur avec ce lien à usage unique :',
    `  ${server.url}/console/#setup=${server.setupToken}`,
  );
}
console.log(lines.join('\n') + '\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
