import { describe, expect, it } from 'vitest';
import type { AttentionReport } from '../../../contract';
import { AttentionOutbox } from './outbox';

const batch = (id: string): AttentionReport => ({ id, sceneId: 'bar', level: 2, dwellMs: { room: 100 } });

describe('attention outbox', () => {
  it('keeps unanswered batches, in order, and retries them with the same id', async () => {
    const sent: string[] = [];
    let online = false;
    const box = new AttentionOutbox(async (r) => {
      sent.push(r.id);
      return online ? true : null;
    });
    box.push(batch('a'));
    box.push(batch('b'));
    await box.flush();
    expect(sent).toEqual(['a']);
    expect(box.pending.map((r) => r.id)).toEqual(['a', 'b']);
    online = true;
    await box.flush();
    expect(sent).toEqual(['a', 'a', 'b']);
    expect(box.pending).toEqual([]);
  });

  it('drops a batch the server refused, and never sends twice at once', async () => {
    const sent: string[] = [];
    const box = new AttentionOutbox(async (r) => {
      sent.push(r.id);
      await new Promise((done) => setTimeout(done, 5));
      return r.id !== 'refused';
    });
    box.push(batch('refused'));
    box.push(batch('ok'));
    await Promise.all([box.flush(), box.flush()]);
    expect(sent).toEqual(['refused', 'ok']);
    expect(box.pending).toEqual([]);
  });
});
