/**
 * mulberry32: a small, well-known, deterministic PRNG returning numbers in [0, 1). One for every use that
 * must come out the same on each run and each device: procedural art and sounds, simulated patients,
 * counterbalancing. No dependencies, so the runtime, the server and the audio worker can all import it.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
