import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Biquad, RATE, filter, len, loopable, mixIn, peak, rms, rng, white } from './dsp';
import { LOOP_RMS, PEAK, SOUNDS, isLoop, renderSound, type SoundId } from './library';

const sine = (freq: number, seconds: number) => Float32Array.from({ length: len(seconds) }, (_, i) => Math.sin((2 * Math.PI * freq * i) / RATE));
const db = (a: number, b: number) => 20 * Math.log10(a / b);

describe('dsp', () => {
  it('seeds its random numbers', () => {
    const a = rng(5);
    const b = rng(5);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('filters like the RBJ cookbook says', () => {
    const low = sine(200, 1);
    const high = sine(6000, 1);
    expect(db(rms(filter(low, 'lowpass', 1000)), rms(low))).toBeGreaterThan(-0.5);
    expect(db(rms(filter(high, 'lowpass', 1000)), rms(high))).toBeLessThan(-25);
    expect(db(rms(filter(low, 'highpass', 2000)), rms(low))).toBeLessThan(-30);
    const centre = sine(1500, 1);
    expect(db(rms(filter(centre, 'bandpass', 1500, 4)), rms(centre))).toBeCloseTo(0, 0);
    expect(db(rms(filter(sine(400, 1), 'bandpass', 1500, 4)), rms(centre))).toBeLessThan(-15);
  });

  it('keeps a biquad stable at the edges of its range', () => {
    const f = new Biquad('lowpass', 20_000, 30);
    const y = filter(white(len(1), rng(1)), 'highpass', 5, 0.5);
    for (let i = 0; i < 1000; i++) expect(Number.isFinite(f.step(i % 2))).toBe(true);
    expect(y.every(Number.isFinite)).toBe(true);
  });

  it('mixes past the end back to the start when asked (loops)', () => {
    const dst = new Float32Array(10);
    mixIn(dst, new Float32Array([1, 1, 1, 1]), 8 / RATE, 0.5, true);
    expect(Array.from(dst)).toEqual([0.5, 0.5, 0, 0, 0, 0, 0, 0, 0.5, 0.5]);
    const clipped = mixIn(new Float32Array(10), new Float32Array([1, 1, 1, 1]), 8 / RATE);
    expect(Array.from(clipped.slice(8))).toEqual([1, 1]);
  });

  it('crossfades a texture onto itself to make a loop', () => {
    const x = white(len(3), rng(2));
    expect(loopable(x, 1).length).toBe(len(2));
  });
});

describe('sound library', () => {
  const ids = Object.keys(SOUNDS) as SoundId[];
  const rendered = new Map<SoundId, Float32Array>();

  beforeAll(() => {
    // determinism: nothing may reach for Math.random
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('sounds must use seeded randomness');
    });
  });
  afterAll(() => vi.restoreAllMocks());

  it.each(ids)('%s is audible, unclipped, of a sensible length, and clean at its ends or seam', (id) => {
    const x = renderSound(id);
    rendered.set(id, x);
    const seconds = x.length / RATE;
    expect(x.every(Number.isFinite)).toBe(true);
    expect(peak(x)).toBeLessThanOrEqual(PEAK + 1e-6);
    expect(rms(x)).toBeGreaterThan(0.01);
    if (isLoop(id)) {
      expect(seconds).toBeGreaterThanOrEqual(2);
      expect(seconds).toBeLessThanOrEqual(22);
      expect(rms(x)).toBeLessThanOrEqual(LOOP_RMS + 1e-6);
      // the jump from the last sample to the first is no bigger than the signal's own steps
      const steps = Float32Array.from({ length: x.length - 1 }, (_, i) => Math.abs(x[i + 1]! - x[i]!)).sort();
      expect(Math.abs(x[0]! - x[x.length - 1]!)).toBeLessThanOrEqual(Math.max(steps[Math.floor(steps.length * 0.999)]!, 1e-3));
    } else {
      expect(seconds).toBeGreaterThan(0.3);
      expect(seconds).toBeLessThanOrEqual(16.5);
      expect(peak(x)).toBeCloseTo(PEAK, 5);
      // no click at either end
      expect(Math.abs(x[0]!)).toBeLessThan(1e-3);
      expect(Math.abs(x[x.length - 1]!)).toBeLessThan(1e-3);
    }
  });

  it.each(['lighter', 'crowd', 'music-club'] as const)('%s comes out the same every time', (id) => {
    const a = renderSound(id);
    const b = rendered.get(id) ?? renderSound(id);
    expect(a.length).toBe(b.length);
    expect(a.findIndex((v, i) => v !== b[i])).toBe(-1);
  });

  it('stays small: under 320 s of audio for the whole library (a scene loads a handful)', () => {
    const total = ids.reduce((s, id) => s + (rendered.get(id)?.length ?? 0), 0) / RATE;
    expect(total).toBeGreaterThan(60);
    expect(total).toBeLessThan(320);
  });
});
