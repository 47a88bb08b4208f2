import type { Object3D } from 'three';

// Which tagged cue the head is pointing at, from the ray's hits (nearest first). A cue is a group
// with `userData.cueId`; `userData.fade` is how far it has faded in (0..1).

/** A cue counts as seen once it is more than half faded in. */
export const VISIBLE_FADE = 0.5;

interface Hit {
  object: Object3D;
}

function shown(o: Object3D): boolean {
  for (let p: Object3D | null = o; p; p = p.parent) if (!p.visible) return false;
  return true;
}

/**
 * The innermost cue around `o`, if it is visible enough; null for an untagged object or a cue still
 * fading in. Scenes also tag parts of a cue by hand (a plain group with a `cueId`): the fade is then
 * the nearest enclosing <Cue>'s, and a tagged group outside any <Cue> always shows.
 */
export function cueOf(o: Object3D): string | null {
  let id: string | null = null;
  for (let p: Object3D | null = o; p; p = p.parent) {
    if (id === null && typeof p.userData.cueId === 'string') id = p.userData.cueId;
    if (id !== null && typeof p.userData.fade === 'number') return p.userData.fade > VISIBLE_FADE ? id : null;
  }
  return id;
}

/**
 * The cue of the nearest shown mesh the ray hits: what is in front hides what is behind it (a wall, a
 * table), but hidden objects and lines (controller rays) do not.
 */
export function gazedCue(hits: readonly Hit[]): string | null {
  for (const { object } of hits) {
    if (!(object as { isMesh?: boolean }).isMesh || !shown(object)) continue;
    return cueOf(object);
  }
  return null;
}
