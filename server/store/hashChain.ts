import { createHash } from 'node:crypto';

// The session log's hash chain: each record's hash covers the previous record's hash and a canonical
// serialisation of the record, so an edited, deleted, inserted or reordered record breaks the chain
// from that point on. Pure: the store computes it inside the insert's transaction, the audit re-checks it.

/** The "previous hash" of a session's first record. */
export const GENESIS = '0'.repeat(64);

export interface ChainedFields {
  sessionId: string;
  seq: number;
  at: number;
  actor: string;
  type: string;
  data: unknown;
}

/** JSON with object keys sorted at every depth, and what JSON drops (undefined) dropped first. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function chainHash(prevHash: string, r: ChainedFields): string {
  const body = canonicalJson([r.sessionId, r.seq, r.at, r.actor, r.type, r.data]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface StoredRecord extends ChainedFields {
  prevHash: string;
  hash: string;
}

export interface ChainBreak {
  sessionId: string;
  /** The first record that does not verify (or the seq where a missing record should be). */
  seq: number;
  problem: 'missing-or-reordered' | 'bad-link' | 'bad-hash' | 'missing-tail' | 'bad-head';
  expected: string;
  found: string;
}

/**
 * Checks one session's records (in stored seq order) against the head the session row remembers.
 * Returns the first break, or null when every record verifies.
 */
export function verifyChain(
  sessionId: string,
  records: StoredRecord[],
  head: { lastSeq: number; lastHash: string },
): ChainBreak | null {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const r of records) {
    if (r.seq !== expectedSeq) {
      return { sessionId, seq: expectedSeq, problem: 'missing-or-reordered', expected: `seq ${expectedSeq}`, found: `seq ${r.seq}` };
    }
    if (r.prevHash !== prev) return { sessionId, seq: r.seq, problem: 'bad-link', expected: `prev_hash ${prev}`, found: `prev_hash ${r.prevHash || '(none)'}` };
    const hash = chainHash(prev, r);
    if (r.hash !== hash) return { sessionId, seq: r.seq, problem: 'bad-hash', expected: `hash ${hash}`, found: `hash ${r.hash || '(none)'}` };
    prev = r.hash;
    expectedSeq += 1;
  }
  if (expectedSeq - 1 !== head.lastSeq) {
    return { sessionId, seq: Math.min(expectedSeq, head.lastSeq + 1), problem: 'missing-tail', expected: `records up to seq ${head.lastSeq}`, found: `last record seq ${expectedSeq - 1}` };
  }
  if (prev !== head.lastHash) return { sessionId, seq: head.lastSeq, problem: 'bad-head', expected: `session head ${head.lastHash || '(none)'}`, found: `chain end ${prev}` };
  return null;
}
