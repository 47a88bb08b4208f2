import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../contract';
import { derive } from './derive';
import type { ExportInput } from './input';
import { recordedSession, withInstrumentAnswers } from './testing';

/** The input with one extra log record inserted just before the record `beforeSeq` (renumbered). */
function inserted(input: ExportInput, beforeSeq: number, extra: Omit<LogEntry, 'seq' | 'sessionId'>[]): ExportInput {
  const i = input.log.findIndex((e) => e.seq === beforeSeq);
  const log = [...input.log.slice(0, i), ...extra.map((e) => ({ ...e, sessionId: input.session.id, seq: 0 })), ...input.log.slice(i)].map((e, n) => ({ ...e, seq: n + 1 }));
  return { ...input, log };
}

describe('derive: the context of each rating, from the log alone', () => {
  const d = recordedSession();
  const input = d.input();
  const derived = derive(input);
  const [baseline, exposure, spoken] = derived.ratings;

  it('puts each rating in the protocol step it was given in, in session order', () => {
    expect(derived.ratings.map((c) => [c.number, c.step, c.rating.value])).toEqual([
      [1, { index: 0, type: 'baseline' }, 20],
      [2, { index: 1, type: 'exposure' }, 40],
      [3, { index: 2, type: 'washout' }, 2],
    ]);
  });

  it('audits the gate: the prompt held back by a patron drinking was asked after the cool-down', () => {
    expect(exposure).toMatchObject({ activeUse: 'none', deferredMs: 26_000, activeUseDuringAnswer: false });
    // The window 65–71 s ended at 71 s; the prompt came at 86 s, exactly the 15 s cool-down later.
    expect(exposure!.activeUseSinceMs).toBe(15_000);
    expect(exposure!.checkedAt).toBe(exposure!.rating.promptedAt);
  });

  it('checks a spoken rating at the moment it was given; a baseline before any cue has no active use', () => {
    expect(spoken).toMatchObject({ activeUse: 'none', deferredMs: null, activeUseDuringAnswer: null, checkedAt: spoken!.rating.answeredAt });
    expect(baseline).toMatchObject({ activeUse: 'none', activeUseSinceMs: null, deferredMs: 0 });
  });

  it('flags a prompt issued while the headset reported active use, or within its cool-down', () => {
    const prompt = input.log.find((e) => e.type === 'rating.prompted' && e.data.deferredMs)!;
    const showing = derive(
      inserted(input, prompt.seq, [{ at: prompt.at - 1_000, actor: 'headset', type: 'segment.started', data: { segmentId: 'patron-sips', activeUse: true } }]),
    );
    expect(showing.ratings[1]).toMatchObject({ activeUse: 'showing', activeUseSinceMs: null, activeUseDuringAnswer: true });

    const justEnded = derive(
      inserted(input, prompt.seq, [
        { at: prompt.at - 9_000, actor: 'headset', type: 'segment.started', data: { segmentId: 'patron-sips', activeUse: true } },
        { at: prompt.at - 5_000, actor: 'headset', type: 'segment.ended', data: { segmentId: 'patron-sips', activeUse: true } },
      ]),
    );
    expect(justEnded.ratings[1]).toMatchObject({ activeUse: 'cooldown', activeUseSinceMs: 5_000, activeUseDuringAnswer: false });
  });

  it('counts a clinician-fired active-use event for its duration in the manifest', () => {
    const prompt = input.log.find((e) => e.type === 'rating.prompted' && e.data.deferredMs)!;
    // The nightclub's "friend offers a line" lasts 6 s.
    const fire = (before: number) =>
      derive(inserted(input, prompt.seq, [{ at: prompt.at - before, actor: 'clinician', type: 'scene.event', data: { eventId: 'offer-line', activeUse: true } }])).ratings[1];
    expect(fire(2_000)).toMatchObject({ activeUse: 'showing' });
    expect(fire(10_000)).toMatchObject({ activeUse: 'cooldown', activeUseSinceMs: 4_000 });
  });

  it('dates the segment clock from the reported sinceMs, and approximates it when an old log lacks it', () => {
    // Reported 30 s into the level: the rating due at 60 s in the step is 90 s into the level, 19 s
    // after the patron's 65–71 s window, and safe at once.
    const late = recordedSession({ sinceMs: 30_000 });
    expect(derive(late.input()).ratings[1]).toMatchObject({ activeUse: 'none', activeUseSinceMs: 19_000, deferredMs: 0 });
    const old = late.input();
    old.log = old.log.map((e) => (e.type === 'scene.applied' ? { ...e, data: { revision: e.data.revision, sceneId: e.data.sceneId, level: e.data.level } } : e));
    // Without sinceMs the clock starts at the report: the last window seems to be the one at 20–26 s.
    expect(derive(old).ratings[1]).toMatchObject({ activeUse: 'none', activeUseSinceMs: 34_000 });
  });

  it('gives every log record its step, and marks records after the last step', () => {
    expect(derived.events).toHaveLength(input.log.length);
    const typeAt = (t: string) => derived.events.find((e) => e.entry.type === t)!.step;
    expect(typeAt('session.opened')).toBeNull();
    expect(typeAt('rating.deferred')).toEqual({ index: 1, type: 'exposure' });
    expect(derived.events.at(-1)).toMatchObject({ entry: { type: 'session.ended' }, step: { index: null, type: 'after-protocol' } });
  });

  it('reads instrument answers in the protocol’s item order, and none when the log has none', () => {
    expect(derived.instruments).toEqual([]);
    const withAnswers = derive(withInstrumentAnswers(input, { control: 5, want: 2, extra: 1 }));
    expect(withAnswers.instruments).toEqual([
      {
        seq: input.log.length + 1,
        at: expect.any(Number),
        instrument: 'AUQ',
        when: 'pre',
        items: [
          { id: 'want', value: 2, min: 1, max: 7, text: { fr: 'J’ai envie de boire', en: 'I want a drink now' } },
          { id: 'control', value: 5, min: 1, max: 7, text: { fr: 'Je pourrais me retenir', en: 'I could control it' } },
          { id: 'extra', value: 1, min: null, max: null, text: null },
        ],
      },
    ]);
  });
});
