import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, launchChromium } from './chromium';

// `npm run scenes:thumbs`: small JPEG previews (320 px wide) of the contact-sheet PNGs in docs/scenes/,
// written to docs/scenes/thumbs/, which the server serves at /scene-previews/ for the console's cue
// hierarchy. Chromium's canvas does the scaling and encoding: no image library to install. Reads
// whatever PNGs exist (`npm run scenes:sheet` makes them all, and ends by running this).

export const THUMB_WIDTH = 320;

export async function writeThumbnails(dir = join('docs', 'scenes')): Promise<string[]> {
  const pngs = existsSync(dir) ? readdirSync(dir).filter((f) => /^[a-z0-9-]+-\d\.png$/.test(f)) : [];
  const out = join(dir, 'thumbs');
  mkdirSync(out, { recursive: true });
  ensureChromium();
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    const page = await browser.newPage();
    for (const name of pngs.sort()) {
      const png = readFileSync(join(dir, name)).toString('base64');
      const jpeg = await page.evaluate(
        async ({ png, width }) => {
          const img = new Image();
          img.src = `data:image/png;base64,${png}`;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = width;
          canvas.height = Math.round((img.naturalHeight / img.naturalWidth) * width);
          const g = canvas.getContext('2d')!;
          g.imageSmoothingQuality = 'high';
          g.drawImage(img, 0, 0, canvas.width, canvas.height);
          return canvas.toDataURL('image/jpeg', 0.8);
        },
        { png, width: THUMB_WIDTH },
      );
      const file = join(out, name.replace(/\.png$/, '.jpg'));
      writeFileSync(file, Buffer.from(jpeg.replace(/^data:image\/jpeg;base64,/, ''), 'base64'));
      written.push(file);
    }
  } finally {
    await browser.close();
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = await writeThumbnails();
  console.log(`wrote ${written.length} thumbnails in docs/scenes/thumbs/`);
}
