import { describe, expect, it } from 'vitest';
import type { ClinicianCommand } from '../../contract';
import { SAFE_SCENE } from '../../scenes/manifests';
import { type Decision, decide, initialSessionState, type SessionState } from './sessionCore';

const T0 = 1_700_000_000_000;
let n = 0;
const wid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function ok(d: Decision): Extract<Decision, { ok: true }> {
  if (!d.ok) throw new Error(`expected success, got ${d.message}`);
  return d;
}
const run = (s: SessionState, command: ClinicianCommand, now = T0) => ok(decide(s, { kind: 'command', writeId: wid(), command }, now));

describe('session core', () => {
  it('starts in the safe scene, open, at revision 0', () => {
    const s = initialSessionState();
    expect(s.directive.scene).toEqual(SAFE_SCENE);
    expect(s.status).toBe('open');
    expect(s.directive.revision).toBe(0);
  });

  it('moves to a scene level and logs the request; each change is a new revision', () => {
    const a = run(initialSessionState(), { type: 'setScene', sceneId: 'bar', level: 2 });
    expect(a.state.directive.scene).toEqual({ sceneId: 'bar', level: 2 });
    expect(a.state.directive.revision).toBe(1);
    expect(a.records).toEqual([expect.objectContaining({ actor: 'clinician', type: 'scene.requested' })]);
    const b = run(a.state, { type: 'setLevel', level: 4 });
    expect(b.state.directive.scene).toEqual({ sceneId: 'bar', level: 4 });
    expect(b.state.directive.revision).toBe(2);
  });

  it('rejects scenes and levels that do not exist, changing nothing', () => {
    const s = initialSessionState();
    expect(decide(s, { kind: 'command', writeId: wid(), command: { type: 'setScene', sceneId: 'nowhere', level: 0 } }, T0).ok).toBe(false);
    // The gallery (neutral) has only level 0.
    expect(decide(s, { kind: 'command', writeId: wid(), command: { type: 'setLevel', level: 3 } }, T0).ok).toBe(false);
  });

  it('emergency stop goes to the safe scene, cancels the prompt, and blocks changes until resumed', () => {
    let s = run(initialSessionState(), { type: 'setScene', sceneId: 'bar', level: 4 }).state;
    s = run(s, { type: 'requestRating', scale: 'vas' }).state;
    const stop = run(s, { type: 'emergencyStop' });
    expect(stop.state.directive).toMatchObject({ scene: SAFE_SCENE, stopped: true, prompt: null });
    expect(stop.records.map((r) => r.type)).toEqual(['emergency.stop', 'rating.cancelled']);
    expect(decide(stop.state, { kind: 'command', writeId: wid(), command: { type: 'setLevel', level: 1 } }, T0)).toMatchObject({ ok: false });
    expect(decide(stop.state, { kind: 'command', writeId: wid(), command: { type: 'requestRating', scale: 'vas' } }, T0)).toMatchObject({ ok: false });
    // Pressing it again still succeeds: the stop button never answers "no".
    expect(run(stop.state, { type: 'emergencyStop' }).state.directive.stopped).toBe(true);
    const resumed = run(stop.state, { type: 'resume' });
    expect(resumed.state.directive.stopped).toBe(false);
    expect(resumed.state.directive.scene).toEqual(SAFE_SCENE);
  });

  it('accepts a headset rating only in answer to the open prompt', () => {
    const s = run(initialSessionState(), { type: 'requestRating', scale: 'vas' }, T0);
    const promptId = s.state.directive.prompt!.promptId;
    const stray = decide(s.state, { kind: 'rating', submission: { id: wid(), promptId: wid(), value: 40 } }, T0 + 1000);
    expect(stray).toMatchObject({ ok: false });
    const answered = ok(decide(s.state, { kind: 'rating', submission: { id: wid(), promptId, value: 40 } }, T0 + 5000));
    expect(answered.rating).toMatchObject({ value: 40, source: 'headset', promptedAt: T0, scale: 'vas' });
    expect(answered.state.directive.prompt).toBeNull();
    expect(answered.records[0]!.data.latencyMs).toBe(5000);
    // The same prompt cannot be answered twice.
    expect(decide(answered.state, { kind: 'rating', submission: { id: wid(), promptId, value: 41 } }, T0 + 6000)).toMatchObject({ ok: false });
  });

  it('refuses a second prompt while one is open', () => {
    const s = run(initialSessionState(), { type: 'requestRating', scale: 'vas' }).state;
    expect(decide(s, { kind: 'command', writeId: wid(), command: { type: 'requestRating', scale: 'vas' } }, T0)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('records spoken ratings with their source and checks the scale', () => {
    const r = run(initialSessionState(), { type: 'spokenRating', scale: 'nrs10', value: 6 });
    expect(r.rating).toMatchObject({ source: 'spoken', scale: 'nrs10', value: 6, promptId: null });
    expect(decide(initialSessionState(), { kind: 'command', writeId: wid(), command: { type: 'spokenRating', scale: 'nrs10', value: 60 } }, T0)).toMatchObject({ ok: false });
  });

  it('keeps the newest applied report when an older one arrives late', () => {
    let s = run(initialSessionState(), { type: 'setScene', sceneId: 'bar', level: 1 }).state;
    s = run(s, { type: 'setLevel', level: 2 }).state;
    s = ok(decide(s, { kind: 'applied', report: { id: wid(), revision: 2, scene: { sceneId: 'bar', level: 2 } } }, T0)).state;
    const late = ok(decide(s, { kind: 'applied', report: { id: wid(), revision: 1, scene: { sceneId: 'bar', level: 1 } } }, T0 + 1));
    expect(late.state.applied).toMatchObject({ revision: 2, scene: { level: 2 } });
    expect(late.records).toHaveLength(1);
  });

  it('ends once; nothing is accepted afterwards', () => {
    const e = run(initialSessionState(), { type: 'end' });
    expect(e.ended).toBe(true);
    expect(e.state.status).toBe('ended');
    expect(decide(e.state, { kind: 'command', writeId: wid(), command: { type: 'emergencyStop' } }, T0)).toMatchObject({ ok: false });
  });

  it('logs link changes only when the link actually changes', () => {
    const up = ok(decide(initialSessionState(), { kind: 'link', up: true }, T0));
    expect(up.records.map((r) => r.type)).toEqual(['headset.connected']);
    expect(ok(decide(up.state, { kind: 'link', up: true }, T0)).records).toEqual([]);
  });
});
