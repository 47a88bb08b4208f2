import { describe, expect, it } from 'vitest';
import { AppliedReport, CommandRequest, HandshakeAuth, PairRequest, RatingSubmission } from '.';

const id = () => crypto.randomUUID();
const sessionId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('the contract rejects what the server must never act on', () => {
  it('accepts every clinician command with a client-generated id', () => {
    for (const command of [
      { type: 'setScene', sceneId: 'bar', level: 3 },
      { type: 'setLevel', level: 0 },
      { type: 'requestRating' },
      { type: 'spokenRating', scale: 'nrs10', value: 7 },
      { type: 'emergencyStop' },
      { type: 'resume' },
      { type: 'end' },
    ]) {
      expect(CommandRequest.safeParse({ id: id(), sessionId, command }).success, JSON.stringify(command)).toBe(true);
    }
  });

  it('defaults a rating request to the VAS', () => {
    const r = CommandRequest.parse({ id: id(), sessionId, command: { type: 'requestRating' } });
    expect(r.command).toEqual({ type: 'requestRating', scale: 'vas' });
  });

  it.each([
    ['a level above 4', { id: id(), sessionId, command: { type: 'setLevel', level: 5 } }, 'command.level'],
    ['a fractional level', { id: id(), sessionId, command: { type: 'setLevel', level: 1.5 } }, 'command.level'],
    ['an unknown command', { id: id(), sessionId, command: { type: 'selfDestruct' } }, 'command.type'],
    ['a missing write id', { sessionId, command: { type: 'emergencyStop' } }, 'id'],
    ['a write id that is not a UUID', { id: '42', sessionId, command: { type: 'emergencyStop' } }, 'id'],
    ['a scene id with a path', { id: id(), sessionId, command: { type: 'setScene', sceneId: '../etc', level: 1 } }, 'command.sceneId'],
    ['a spoken rating above 100', { id: id(), sessionId, command: { type: 'spokenRating', scale: 'vas', value: 101 } }, 'command.value'],
  ])('rejects %s, naming the field', (_what, payload, path) => {
    const r = CommandRequest.safeParse(payload);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('normalises a typed pairing code and rejects ambiguous characters', () => {
    expect(PairRequest.parse({ id: id(), sessionId, code: ' abc234 ' }).code).toBe('ABC234');
    expect(PairRequest.safeParse({ id: id(), sessionId, code: 'ABCD01' }).success).toBe(false);
  });

  it('only accepts ratings that name a prompt and stay in range', () => {
    expect(RatingSubmission.safeParse({ id: id(), promptId: id(), value: 55 }).success).toBe(true);
    expect(RatingSubmission.safeParse({ id: id(), value: 55 }).success).toBe(false);
    expect(RatingSubmission.safeParse({ id: id(), promptId: id(), value: -1 }).success).toBe(false);
    expect(AppliedReport.safeParse({ id: id(), revision: 3, scene: { sceneId: 'bar', level: 9 } }).success).toBe(false);
  });

  it('requires a known kind of handshake', () => {
    expect(HandshakeAuth.safeParse({ kind: 'pairing' }).success).toBe(true);
    expect(HandshakeAuth.safeParse({ kind: 'clinician' }).success).toBe(false);
    expect(HandshakeAuth.safeParse({ kind: 'root', token: 'x'.repeat(40) }).success).toBe(false);
  });
});
