import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// What `npm start` runs after building the client (the build is done once by the e2e global setup).

const dataDir = mkdtempSync(join(tmpdir(), 'cueroom-start-'));
const children: ChildProcess[] = [];

function start(extraArgs: string[], env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; ready: Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...extraArgs], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Console (clinician')) setTimeout(() => resolve(out), 200);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return Promise.resolve({ child, output: () => out, ready });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) await stop(c);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the start command', () => {
  it('first start creates the SQLite file and prints a one-time setup link; the link creates the administrator', async () => {
    const { child, ready } = await start([], { PORT: '18080' });
    const out = await ready;
    expect(existsSync(join(dataDir, 'cueroom.sqlite'))).toBe(true);
    const link = /(http:\/\/localhost:18080\/console\/#setup=([\w-]+))/.exec(out);
    expect(link, out).not.toBeNull();
    const page = await fetch('http://localhost:18080/console/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch('http://localhost:18080/headset/')).status).toBe(200);
    expect((await fetch('http://localhost:18080/xr-profiles/profilesList.json')).status).toBe(200);
    const setup = await fetch('http://localhost:18080/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link![2], username: 'head-of-unit', password: 'a-long-enough-password' }),
    });
    expect(setup.status).toBe(201);
    // The link is spent.
    const again = await fetch('http://localhost:18080/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link![2], username: 'intruder', password: 'a-long-enough-password' }),
    });
    expect(again.status).toBe(401);
    await stop(child);
  });

  it('with --lan it also serves HTTPS with a self-signed certificate kept in the data folder, and prints no setup link once set up', async () => {
    const { child, ready } = await start(['--lan'], { PORT: '18081', HTTPS_PORT: '18443' });
    const out = await ready;
    expect(out).not.toContain('#setup=');
    expect(out).toMatch(/https:\/\/[\w.]+:18443\/headset\//);
    expect(existsSync(join(dataDir, 'tls-cert.pem'))).toBe(true);
    const status = await new Promise<number>((resolve, reject) => {
      request('https://localhost:18443/headset/', { agent: new Agent({ rejectUnauthorized: false }) }, (res) => resolve(res.statusCode!))
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    await stop(child);
  });
});
