// Audit records, contract v2 (shared/spec/records.md). Field names are a contract: extend, never rename.
// Every record type is inferred from its schema (`schema.ts`), so a field is declared once, with its rules, and each
// enumeration's type from its one tuple of codes.
import type * as v from 'valibot';
import type {
  authorSchema, AUTHOR_ROLES, CHARGINGS, CLASS_LEVELS, classroomDataSchema, COMPUTER_TYPES, CONDITIONS, DISPLAY_TYPES,
  ficheSchema, FLEET_TYPES, INTERNET_ACCESSES, NETWORK_ACCESSES, PHOTO_SUBJECTS, PHOTO_TYPES, photoSchema, SCHOOL_STATUSES, schoolDataSchema, STORAGE_TYPES,
  WIFI_COVERAGES,
} from './schema';

export type Condition = (typeof CONDITIONS)[number];
export type AuthorRole = (typeof AUTHOR_ROLES)[number];
export type ClassLevel = (typeof CLASS_LEVELS)[number];
export type DisplayType = (typeof DISPLAY_TYPES)[number];
export type ComputerType = (typeof COMPUTER_TYPES)[number];
export type StorageType = (typeof STORAGE_TYPES)[number];
export type NetworkAccess = (typeof NETWORK_ACCESSES)[number];
export type InternetAccess = (typeof INTERNET_ACCESSES)[number];
export type WifiCoverage = (typeof WIFI_COVERAGES)[number];
export type FleetType = (typeof FLEET_TYPES)[number];
export type Charging = (typeof CHARGINGS)[number];
export type SchoolStatus = (typeof SCHOOL_STATUSES)[number];
export type PhotoSubject = (typeof PHOTO_SUBJECTS)[number];
export type PhotoType = (typeof PHOTO_TYPES)[number];
/** A photo as a fiche references it (records.md v2 "Photos"). */
export type Photo = v.InferOutput<typeof photoSchema>;

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
