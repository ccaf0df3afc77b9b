// Audit records, contract v2 (shared/spec/records.md). Field names are a contract: extend, never rename.
// Every record type is inferred from its schema (`schema.ts`), so a field is declared once, with its rules.
import type * as v from 'valibot';
import type { authorSchema, classroomDataSchema, ficheSchema, schoolDataSchema } from './schema';

export * from './enums';

export type Author = v.InferOutput<typeof authorSchema>;
export type ClassroomData = v.InferOutput<ReturnType<typeof classroomDataSchema>>;
export type SchoolData = v.InferOutput<ReturnType<typeof schoolDataSchema>>;
export type Fleet = SchoolData['fleets'][number];

export type Fiche = v.InferOutput<ReturnType<typeof ficheSchema>>;
export type FicheKind = Fiche['kind'];
export type SchoolFiche = Extract<Fiche, { kind: 'school' }>;
export type ClassroomFiche = Extract<Fiche, { kind: 'classroom' }>;
export type FicheData<K extends FicheKind> = K extends 'school' ? SchoolData : ClassroomData;

/** One field's refusal: `path` as in sync.md (`data.computer.year`), `message` in French naming the field. */
export interface FieldError {
  path: string;
  message: string;
}
