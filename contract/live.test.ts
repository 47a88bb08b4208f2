import { describe, expect, it } from 'vitest';
import { CommandRequest, HeadsetTelemetry, PingRequest } from '.';

const id = () => crypto.randomUUID();
const sessionId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const command = (c: unknown) => CommandRequest.safeParse({ id: id(), sessionId, command: c });

describe('the live session contract', () => {
  it('takes a note of 1–2000 characters, trimmed', () => {
    expect(command({ type: 'note', text: '  Calm, looks at the door.  ' })).toMatchObject({ success: true, data: { command: { text: 'Calm, looks at the door.' } } });
    expect(command({ type: 'note', text: 'x'.repeat(2000) }).success).toBe(true);
    expect(command({ type: 'note', text: 'x'.repeat(2001) }).success).toBe(false);
    expect(command({ type: 'note', text: '   ' }).success).toBe(false);
    expect(command({ type: 'note' }).success).toBe(false);
  });

  it('overrides a proposal only of a known kind and with a written reason', () => {
    expect(command({ type: 'overrideProposal', kind: 'advance', reason: 'Patient asks to stay at this level' }).success).toBe(true);
    expect(command({ type: 'overrideProposal', kind: 'advance', reason: 'no' }).success).toBe(false);
    expect(command({ type: 'overrideProposal', kind: 'end', reason: 'Patient asks to stay at this level' }).success).toBe(false);
    expect(command({ type: 'washout' }).success).toBe(true);
  });

  it('takes a head pose only as a position in range and a unit quaternion', () => {
    const ok = { immersive: true, fps: 72, pose: { p: [0.1, 1.2, -0.3], q: [0, 0.38268, 0, 0.92388] } };
    expect(HeadsetTelemetry.safeParse(ok).success).toBe(true);
    expect(HeadsetTelemetry.safeParse({ immersive: true, fps: 72 }).success).toBe(true);
    for (const pose of [
      { p: [0, 1.2], q: [0, 0, 0, 1] },
      { p: [0, 1.2, 0], q: [0, 0, 0, 0] },
      { p: [0, 1.2, 0], q: [0, 0, 0, 1.5] },
      { p: [0, 5000, 0], q: [0, 0, 0, 1] },
      { p: [Number.NaN, 1.2, 0], q: [0, 0, 0, 1] },
    ]) {
      expect(HeadsetTelemetry.safeParse({ ...ok, pose }).success, JSON.stringify(pose)).toBe(false);
    }
  });

  it('takes a ping with the session id and a finite time', () => {
    expect(PingRequest.safeParse({ sessionId, sentAt: 1234.5 }).success).toBe(true);
    expect(PingRequest.safeParse({ sessionId, sentAt: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(PingRequest.safeParse({ sessionId: '../etc', sentAt: 1 }).success).toBe(false);
  });
});
