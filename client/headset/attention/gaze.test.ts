import { Group, Line, Mesh } from 'three';
import { describe, expect, it } from 'vitest';
import { gazedCue } from './gaze';

function cue(id: string, fade: number, inner = new Mesh()) {
  const g = new Group();
  Object.assign(g.userData, { cueId: id, fade });
  g.add(inner);
  return { group: g, mesh: inner };
}

describe('which cue the head points at', () => {
  it('is the cue of the nearest mesh hit, the innermost cue when cues nest', () => {
    const friend = cue('friend', 1);
    const drink = cue('offer', 1);
    friend.group.add(drink.group);
    expect(gazedCue([{ object: drink.mesh }, { object: friend.mesh }])).toBe('offer');
    expect(gazedCue([{ object: friend.mesh }, { object: drink.mesh }])).toBe('friend');
  });

  it('an untagged object in front hides the cue behind it', () => {
    expect(gazedCue([{ object: new Mesh() }, { object: cue('table-drink', 1).mesh }])).toBeNull();
  });

  it('skips hidden objects and lines, and does not count a cue still fading in', () => {
    const hidden = new Mesh();
    hidden.visible = false;
    const faded = cue('shelf-bottles', 0.5);
    expect(gazedCue([{ object: hidden }, { object: new Line() }, { object: cue('room', 0.9).mesh }])).toBe('room');
    expect(gazedCue([{ object: faded.mesh }])).toBeNull();
    faded.group.visible = false;
    expect(gazedCue([{ object: faded.mesh }, { object: cue('room', 1).mesh }])).toBe('room');
  });

  it('names a hand-tagged part of a cue, with the fade of the <Cue> around it', () => {
    const outer = cue('patrons', 0.3);
    const part = new Group();
    part.userData.cueId = 'patron-glass';
    const mesh = new Mesh();
    part.add(mesh);
    outer.group.add(part);
    expect(gazedCue([{ object: mesh }])).toBeNull();
    outer.group.userData.fade = 1;
    expect(gazedCue([{ object: mesh }])).toBe('patron-glass');
    const loose = new Group();
    loose.userData.cueId = 'room';
    loose.add(new Mesh());
    expect(gazedCue([{ object: loose.children[0]! }])).toBe('room');
  });
});
