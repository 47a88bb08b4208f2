import type { Logger } from 'pino';
import type { z } from 'zod';
import { type Ack, issuesOf } from '../../contract';

type AckFn = (ack: Ack<unknown>) => void;

/**
 * Wraps a socket handler: the payload is checked against its zod schema at the boundary, a bad one
 * gets an `invalid_payload` acknowledgement and reaches nothing; a thrown error becomes `internal`.
 */
export function validated<S extends z.ZodType>(
  log: Logger,
  event: string,
  schema: S,
  handler: (payload: z.infer<S>) => Promise<Ack<unknown>>,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({
        ok: false,
        error: { code: 'invalid_payload', message: `invalid ${event} payload`, issues: issuesOf(parsed.error) },
      });
      return;
    }
    handler(parsed.data).then(reply, (err: unknown) => {
      log.error({ err, event }, 'socket handler failed');
      reply({ ok: false, error: { code: 'internal', message: 'the server could not process this; nothing was changed' } });
    });
  };
}
