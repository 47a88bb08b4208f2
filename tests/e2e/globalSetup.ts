import { execFileSync } from 'node:child_process';
import { ensureChromium } from './chromium';

/** Before the browser tests: Chromium present, and the console and headset apps built as `npm start` builds them. */
export default function setup(): void {
  ensureChromium();
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
