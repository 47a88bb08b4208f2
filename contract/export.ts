import { z } from 'zod';

// GET /api/sessions/:id/export — what a session's export may be asked for.

export const ExportFormat = z.enum(['csv', 'json', 'fhir'], { error: 'expected format=csv, json or fhir' });
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The CSV tables: one row per rating, per log record, or per questionnaire item answered. */
export const ExportTable = z.enum(['ratings', 'events', 'instruments'], { error: 'expected table=ratings, events or instruments' });
export type ExportTable = z.infer<typeof ExportTable>;

export const ExportQuery = z
  .object({
    format: ExportFormat,
    /** For format=csv; ratings when absent. */
    table: ExportTable.optional(),
    /** Study ids instead of pseudonyms, shifted dates, no free text. */
    deidentify: z.enum(['true', 'false'], { error: 'expected deidentify=true or false' }).optional(),
  })
  .strict()
  .refine((q) => q.table === undefined || q.format === 'csv', { path: ['table'], message: 'table applies to format=csv only' });
export type ExportQuery = z.infer<typeof ExportQuery>;

const tableOnlyForCsv = (q: { format: string; table?: string }) => q.table === undefined || q.format === 'csv';

/** A researcher's export of one granted session: always de-identified, so no `deidentify` switch. */
export const ResearchExportQuery = z
  .object({ format: ExportFormat, table: ExportTable.optional() })
  .strict()
  .refine(tableOnlyForCsv, { path: ['table'], message: 'table applies to format=csv only' });

/**
 * GET /api/studies/:protocolId/export — every session of a study in one file: a CSV table, one JSON
 * document, or `zip`, the whole study folder (tidy CSVs, per-session JSON and FHIR, Psych-DS dataset).
 */
export const StudyFormat = z.enum(['csv', 'json', 'zip'], { error: 'expected format=csv, json or zip' });
export const StudyExportQuery = z
  .object({
    format: StudyFormat,
    table: ExportTable.optional(),
    /** Clinicians only: researchers always get de-identified data. */
    deidentify: z.enum(['true', 'false'], { error: 'expected deidentify=true or false' }).optional(),
  })
  .strict()
  .refine(tableOnlyForCsv, { path: ['table'], message: 'table applies to format=csv only' });
export type StudyExportQuery = z.infer<typeof StudyExportQuery>;
