import { z } from 'zod';
import { Protocol } from './schema';

/** The protocol schema as JSON Schema, for editors (YAML language servers) to complete and check files. */
export function protocolJsonSchema(): string {
  const schema = z.toJSONSchema(Protocol, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return `${JSON.stringify({ ...schema, title: 'CueRoom exposure protocol' }, null, 2)}\n`;
}
