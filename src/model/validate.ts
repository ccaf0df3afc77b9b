// One validation for every entry point: errors name the field in French, the output is trimmed as records.md says.
import * as v from 'valibot';
import type { Author, ClassroomData, Fiche, FieldError, SchoolData } from './types';
import { authorSchema, campaignSchema, classroomDataSchema, ficheSchema, pushRecordSchema, schoolDataSchema } from './schema';
import type { PushRecord } from './sync-protocol';
import { fieldLabel } from './labels';

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** The clock that bounds years; tests pass their own. */
  now?: Date;
}

type Schemas = {
  fiche: ReturnType<typeof ficheSchema>;
  push: ReturnType<typeof pushRecordSchema>;
  classroom: ReturnType<typeof classroomDataSchema>;
  school: ReturnType<typeof schoolDataSchema>;
};
const byYear = new Map<number, Schemas>();

function schemasFor(options: ValidateOptions): Schemas {
  const year = (options.now ?? new Date()).getUTCFullYear();
  let schemas = byYear.get(year);
  if (!schemas) {
    schemas = { fiche: ficheSchema(year), push: pushRecordSchema(year), classroom: classroomDataSchema(year), school: schoolDataSchema(year) };
    byYear.set(year, schemas);
  }
  return schemas;
}

function toFieldErrors(issues: readonly v.BaseIssue<unknown>[], prefix: string): FieldError[] {
  return issues.map((issue) => {
    const dotPath = v.getDotPath(issue);
    const path = [prefix, dotPath].filter(Boolean).join('.');
    const missing = issue.kind === 'schema' && issue.input === undefined;
    const message = missing ? 'ce champ manque' : issue.message;
    return { path, message: `${fieldLabel(path)} : ${message}.` };
  });
}

function run<S extends v.GenericSchema>(schema: S, input: unknown, prefix: string): Validation<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  return result.success ? { ok: true, value: result.output } : { ok: false, errors: toFieldErrors(result.issues, prefix) };
}

/** Validates a whole record (envelope and data), as the sync endpoint and imports do. */
export function validateFiche(record: unknown, options: ValidateOptions = {}): Validation<Fiche> {
  return run(schemasFor(options).fiche, record, '');
}

/** Validates a pushed record (sync.md v2: `baseRev`, no `rev`), as the sync endpoint does. */
export function validatePushRecord(record: unknown, options: ValidateOptions = {}): Validation<PushRecord> {
  if (record !== null && typeof record === 'object' && 'rev' in record) {
    return { ok: false, errors: [{ path: 'rev', message: "Révision : un envoi ne porte pas de numéro de révision (le serveur les numérote), mais baseRev." }] };
  }
  return run(schemasFor(options).push, record, '');
}

/** Validates what a classroom form holds; paths start with `data.`. */
export function validateClassroomData(data: unknown, options: ValidateOptions = {}): Validation<ClassroomData> {
  return run(schemasFor(options).classroom, data, 'data');
}

/** Validates what a school form holds; paths start with `data.`. */
export function validateSchoolData(data: unknown, options: ValidateOptions = {}): Validation<SchoolData> {
  return run(schemasFor(options).school, data, 'data');
}

const sessionSchema = v.object({ author: authorSchema, campaign: campaignSchema });

/** The auditor's profile (first run): the same rules as a record's `author` and `campaign`. */
export function validateSession(input: unknown): Validation<{ author: Author; campaign: string }> {
  return run(sessionSchema, input, '');
}
