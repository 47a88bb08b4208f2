import type { AttentionReport } from '../../../contract';

/** Sends one batch: true stored, false refused for good, null not answered (no link, timeout). */
export type SendBatch = (report: AttentionReport) => Promise<boolean | null>;

/**
 * Durable delivery of gaze batches, in order: a batch keeps its write id until the server answers, so
 * a retry after a lost link is stored once. A refused batch (the session ended) is dropped.
 */
export class AttentionOutbox {
  private readonly queue: AttentionReport[] = [];
  private sending = false;

  constructor(private readonly send: SendBatch) {}

  get pending(): readonly AttentionReport[] {
    return this.queue;
  }

  push(report: AttentionReport): void {
    this.queue.push(report);
  }

  /** Sends what is queued until the server stops answering; the rest waits for the next flush. */
  async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length) {
        if ((await this.send(this.queue[0]!)) === null) break;
        this.queue.shift();
      }
    } finally {
      this.sending = false;
    }
  }
}
