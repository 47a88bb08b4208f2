import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { protocolJsonSchema } from './jsonSchema';

it('protocol.schema.json is generated from the zod schema (run `npm run protocol -- schema` after changing it)', () => {
  expect(readFileSync(join(import.meta.dirname, 'protocol.schema.json'), 'utf8')).toBe(protocolJsonSchema());
});
