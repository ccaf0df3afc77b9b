// One validation for every entry point (form, import, sync endpoint): errors name the field in French, the output is
// normalised as records.md says (text trimmed, nothing else kept), and that output is what gets stored.
import * as v from 'valibot';
import type { Author, ClassroomData, Fiche, FieldError, SchoolData } from './types';
import { authorSchema, campaignSchema, classroomDataSchema, ficheSchema, pushRecordSchema, schoolDataSchema } from './schema';
import type { PushRecord } from './sync-protocol';
import { fieldLabel } from './labels';
import { dataSizeProblem, recordSizeProblem, shapeProblem } from './record-bounds';
import { excerpt } from './text';

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

/** The issue's path; a key that is no field of the schema (an unknown one, as sent) is quoted by its start only. */
function dotPath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => (typeof item.key === 'string' ? excerpt(item.key) : String(item.key))).join('.');
}

function toFieldErrors(issues: readonly v.BaseIssue<unknown>[], prefix: string): FieldError[] {
  return issues.map((issue) => {
    const path = [prefix, dotPath(issue)].filter(Boolean).join('.');
    if (issue.type === 'strict_object' && issue.expected === 'never') return { path, message: `Champ inconnu : ${path}.` };
    const missing = issue.kind === 'schema' && issue.input === undefined;
    const message = missing ? 'ce champ manque' : issue.message;
    return { path, message: `${fieldLabel(path)} : ${message}.` };
  });
}

/** Bounds first (iterative: nothing recursive has run on the input yet), then the schema, then the size as stored. */
function run<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  prefix: string,
  sizeProblem: (output: v.InferOutput<S>) => FieldError | null,
): Validation<v.InferOutput<S>> {
  const shape = shapeProblem(input, prefix);
  if (shape !== null) return { ok: false, errors: [shape] };
  const result = v.safeParse(schema, input);
  if (!result.success) return { ok: false, errors: toFieldErrors(result.issues, prefix) };
  const tooLarge = sizeProblem(result.output);
  return tooLarge === null ? { ok: true, value: result.output } : { ok: false, errors: [tooLarge] };
}

const noSizeBound = () => null;

/** Validates a whole record (envelope and data), as imports and the device's saves do. */
export function validateFiche(record: unknown, options: ValidateOptions = {}): Validation<Fiche> {
  return run(schemasFor(options).fiche, record, '', recordSizeProblem);
}

/** Validates a pushed record (sync.md v2: `baseRev`, no `rev`), as the sync endpoint does. */
export function validatePushRecord(record: unknown, options: ValidateOptions = {}): Validation<PushRecord> {
  if (record !== null && typeof record === 'object' && 'rev' in record) {
    return { ok: false, errors: [{ path: 'rev', message: "Révision : un envoi ne porte pas de numéro de révision (le serveur les numérote), mais baseRev." }] };
  }
  // Its size is the stored record's: the server's rev in place of baseRev.
  return run(schemasFor(options).push, record, '', ({ baseRev, ...stored }) => recordSizeProblem({ ...stored, rev: baseRev + 1 }));
}

/** Validates what a classroom form holds; paths start with `data.`. */
export function validateClassroomData(data: unknown, options: ValidateOptions = {}): Validation<ClassroomData> {
  return run(schemasFor(options).classroom, data, 'data', dataSizeProblem);
}

/** Validates what a school form holds; paths start with `data.`. */
export function validateSchoolData(data: unknown, options: ValidateOptions = {}): Validation<SchoolData> {
  return run(schemasFor(options).school, data, 'data', dataSizeProblem);
}

const sessionSchema = v.object({ author: authorSchema, campaign: campaignSchema });

/** The auditor's profile (first run): the same rules as a record's `author` and `campaign`. */
export function validateSession(input: unknown): Validation<{ author: Author; campaign: string }> {
  return run(sessionSchema, input, '', noSizeBound);
}
