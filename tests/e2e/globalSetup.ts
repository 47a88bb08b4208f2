import { ensureChromium } from './chromium';
import { buildClient } from '../support/buildClient';

/** Before the browser tests: Chromium present, and the console and headset apps built as `npm start` builds them. */
export default function setup(): void {
  ensureChromium();
  buildClient();
}
