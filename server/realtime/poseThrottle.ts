/**
 * Caps the head-pose relay per session: at most one pose per interval reaches the consoles, the rest are
 * dropped (a newer one follows within a frame or two; poses are volatile anyway).
 */
export class PoseThrottle {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  admit(sessionId: string): boolean {
    const t = this.now();
    const before = this.last.get(sessionId);
    if (before !== undefined && t - before < this.intervalMs) return false;
    this.last.set(sessionId, t);
    return true;
  }

  forget(sessionId: string): void {
    this.last.delete(sessionId);
  }
}
