import { describe, expect, it } from 'vitest';
import { eventPhase, segmentPhase } from './sceneClock';

describe('the scene clock scenes animate from', () => {
  const sip = { id: 'patron-sips', title: { fr: 'a', en: 'a' }, start: 20, duration: 6, period: 45, activeUse: true };

  it('a timed segment is active exactly in its manifest windows, repeating every period', () => {
    expect(segmentPhase(sip, 19.9).active).toBe(false);
    expect(segmentPhase(sip, 23)).toEqual({ active: true, progress: 0.5 });
    expect(segmentPhase(sip, 26).active).toBe(false);
    expect(segmentPhase(sip, 65 + 1.5)).toEqual({ active: true, progress: 0.25 });
  });

  it('a fired event plays from its firing for its duration, matched by the manifest event id', () => {
    // The firing's own id (the clinician's write id) differs from the event id the scene asks for.
    const events = [{ eventId: 'glasses-clink', startedAt: 100 }];
    expect(eventPhase(events, 'glasses-clink', 3, 101.5)).toEqual({ active: true, progress: 0.5 });
    expect(eventPhase(events, 'glasses-clink', 3, 103).active).toBe(false);
    expect(eventPhase(events, 'friend-offers', 3, 101).active).toBe(false);
    // Fired again: the newest firing counts.
    expect(eventPhase([...events, { eventId: 'glasses-clink', startedAt: 110 }], 'glasses-clink', 3, 111)).toMatchObject({ active: true });
  });
});
