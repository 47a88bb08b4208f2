import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// The real server (server/main.ts) as a child process that a test can SIGKILL and start again.
// It is compiled once to one ES module (same code, dependencies left as they are) so each restart
// costs a plain `node` start instead of tsx compiling every file again: the crash test restarts it
// dozens of times on a 2-core machine.

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProgram {
  /** node arguments that run the server. */
  args: string[];
  /** A stand-in for the built client (the crash test drives sockets, not pages). */
  clientDist: string;
  remove(): void;
}

export async function compileServer(): Promise<ServerProgram> {
  // Inside the checkout so node resolves its node_modules; dist/ is ignored by git.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'dist', 'crash-server-'));
  await build({
    entryPoints: [join(ROOT, 'server/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: join(dir, 'main.mjs'),
    logLevel: 'error',
    plugins: [
      {
        // Paths relative to a source file (protocols/, the client build) must still point where they did.
        name: 'keep-import-meta-paths',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (args) => ({
            loader: 'ts',
            contents: readFileSync(args.path, 'utf8')
              .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          }));
        },
      },
    ],
  });
  mkdirSync(join(dir, 'client/console'), { recursive: true });
  writeFileSync(join(dir, 'client/console/index.html'), '<!doctype html><title>CueRoom</title>\n');
  return { args: [join(dir, 'main.mjs')], clientDist: join(dir, 'client'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** The one-time setup token, printed on a first start only. */
  setupToken: string | null;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/**
 * Starts the server and resolves once it listens (its banner is printed after listening; on a first
 * start, `expectSetup`, the banner ends with the setup link).
 */
export function startServerProcess(program: ServerProgram, env: Record<string, string>, expectSetup = false, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, program.args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', CUEROOM_CLIENT_DIST: program.clientDist, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolveStart, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`server not up within ${timeoutMs} ms:\n${out}${err}`)), timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const setup = /#setup=([\w-]+)\n/.exec(out);
      if (expectSetup ? setup : /CueRoom is running/.test(out)) {
        clearTimeout(timer);
        resolveStart({ child, setupToken: setup?.[1] ?? null, exited });
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`server exited (${code ?? signal}) before listening:\n${out}${err}`)));
  });
}
