import { newPairingCode } from '../auth/tokens';

const CODE_TTL_MS = 10 * 60 * 1000;

interface Waiting {
  socketId: string;
  expiresAt: number;
}

/** Headsets waiting to be paired, by the short code they display. In memory: a code lives minutes. */
export class PairingRegistry {
  private byCode = new Map<string, Waiting>();

  constructor(private readonly now: () => number) {}

  issue(socketId: string): { code: string; expiresAt: number } {
    this.release(socketId);
    let code = newPairingCode();
    while (this.byCode.has(code)) code = newPairingCode();
    const expiresAt = this.now() + CODE_TTL_MS;
    this.byCode.set(code, { socketId, expiresAt });
    return { code, expiresAt };
  }

  /** The waiting socket for a code, consuming the code. */
  take(code: string): string | undefined {
    const w = this.byCode.get(code);
    if (!w) return undefined;
    this.byCode.delete(code);
    return w.expiresAt >= this.now() ? w.socketId : undefined;
  }

  release(socketId: string): void {
    for (const [code, w] of this.byCode) if (w.socketId === socketId) this.byCode.delete(code);
  }

  get ttlMs(): number {
    return CODE_TTL_MS;
  }
}
