import { execFileSync } from 'node:child_process';

/**
 * Builds the console and headset apps as `npm start` does. NODE_ENV is set: under vitest it is "test",
 * which would give a development build of React (StrictMode double effects, dev JSX) unlike production.
 */
export function buildClient(): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
