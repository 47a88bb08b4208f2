import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

/** A self-signed certificate kept in the data folder, so headsets on the LAN get a secure context for WebXR. */
export async function loadOrCreateCertificate(dataDir: string, hostnames: string[]): Promise<{ key: string; cert: string }> {
  const keyFile = join(dataDir, 'tls-key.pem');
  const certFile = join(dataDir, 'tls-cert.pem');
  if (existsSync(keyFile) && existsSync(certFile)) {
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  }
  mkdirSync(dataDir, { recursive: true });
  const altNames = hostnames.map((h) => (/^[\d.]+$/.test(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h }));
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'CueRoom' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames }],
  });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert);
  return { key: pems.private, cert: pems.cert };
}
