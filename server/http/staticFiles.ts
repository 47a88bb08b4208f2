import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import express from 'express';

const root = resolve(import.meta.dirname, '../..');
/** Where `vite build` put the apps; CUEROOM_CLIENT_DIST moves it (see vite.config.ts). */
export const CLIENT_DIST = process.env.CUEROOM_CLIENT_DIST ?? join(root, 'dist/client');

/** Small JPEG previews of each scene level, made from the contact sheet. */
export const SCENE_PREVIEWS = join(root, 'docs/scenes/thumbs');

/** The built console and headset apps, and the WebXR controller profiles, all served from this machine. */
export function staticFiles() {
  const router = express.Router();
  if (!existsSync(join(CLIENT_DIST, 'console/index.html'))) {
    throw new Error(`the client is not built (${CLIENT_DIST} is missing): run "npm run build" or "npm start"`);
  }
  // Controller models and layouts, self-hosted: clinics are offline and @pmndrs/xr defaults to a CDN.
  const profiles = join(dirname(createRequire(import.meta.url).resolve('@webxr-input-profiles/assets/package.json')), 'dist/profiles');
  router.use('/xr-profiles', express.static(profiles, { immutable: true, maxAge: '7d' }));
  // Scene-level previews for the console's cue hierarchy (`npm run scenes:thumbs`); a missing one is a
  // plain 404 and the console shows a placeholder.
  router.use('/scene-previews', express.static(SCENE_PREVIEWS, { maxAge: '1h' }), (_req, res) => {
    res.status(404).end();
  });
  router.get('/', (_req, res) => res.redirect('/console/'));
  router.get(['/console', '/headset'], (req, res, next) => {
    if (req.originalUrl.split('?')[0]!.endsWith('/')) return next();
    const query = req.originalUrl.slice(req.path.length);
    res.redirect(`${req.path}/${query}`);
  });
  router.use(express.static(CLIENT_DIST, { index: 'index.html' }));
  return router;
}
