import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sceneManifests } from './manifests';

// Source-level check that runs in Node: every manifest cue of kind `sound` has a <SpatialSound id="…"> in its
// scene's folder, graded from the level that declares it. tests/e2e/sceneSounds.test.ts checks the same on
// the rendered scenes in Chromium, with the audio graph.

const here = import.meta.dirname;

function spatialSounds(sceneId: string): Map<string, number> {
  const dir = join(here, sceneId);
  const found = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsx'))) {
    const src = readFileSync(join(dir, file), 'utf8');
    for (const m of src.matchAll(/<SpatialSound\s[\s\S]*?\/>/g)) {
      const id = /\sid="([a-z0-9-]+)"/.exec(m[0])?.[1];
      if (id) found.set(id, Number(/\sminLevel=\{(\d)\}/.exec(m[0])?.[1] ?? 0));
    }
  }
  return found;
}

describe('sound cues', () => {
  it.each(sceneManifests.map((m) => [m.id, m] as const))('%s renders a SpatialSound for each of its sound cues, from their level', (id, m) => {
    const rendered = spatialSounds(id);
    expect(rendered.size, `${id} has no sound at all`).toBeGreaterThan(0);
    for (const level of m.levels) {
      for (const cue of level.cues.filter((c) => c.kind === 'sound')) {
        expect(rendered.get(cue.id), `sound:${cue.id} in ${id}`).toBe(level.level);
      }
    }
  });
});
