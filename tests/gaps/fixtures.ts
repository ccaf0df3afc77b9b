// Shared fixtures of the gap-engine tests: a référentiel with changed prices or parameters, a context at a fixed
// year, and a classroom and a school that meet every rule, to be patched one field at a time.
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { ItemId, Referential, ReferentialParams } from '../../src/model/referential';
import type { GapContext } from '../../src/gaps/classroom-rules';
import type { DirectorySchool } from '../../src/model/school';
import type { ClassroomData, Fleet, SchoolData } from '../../src/model/types';
import { makeClassroomData, makeDirectorySchool, makeSchoolData } from '../../src/model/make';

export const CURRENT_YEAR = 2026;

export function withPrices(prices: Partial<Record<ItemId, number | null>>, base: Referential = REFERENTIAL_V1): Referential {
  return {
    ...base,
    prices: base.prices.map((p) => (p.item in prices ? { ...p, unitPriceHt: prices[p.item] ?? null } : p)),
  };
}

export function withParams(params: Partial<ReferentialParams>, base: Referential = REFERENTIAL_V1): Referential {
  return { ...base, params: { ...base.params, ...params } };
}

export function context(referential: Referential = REFERENTIAL_V1): GapContext {
  return { referential, currentYear: CURRENT_YEAR };
}

const SOCLE_CLASSROOM = {
  display: { type: 'eni', condition: 'working', year: 2023, sizeInches: 65 },
  computer: { type: 'laptop', condition: 'working', year: 2023, os: 'Windows 11', ramGb: 8, storage: 'ssd', linkedToDisplay: true, inventoryTag: null },
  network: { access: 'wifi', tested: true },
  documentCamera: { present: true, condition: 'working' },
} as const;

/** A fleet of ten working tablets (id `flotte-1` unless patched: give each fleet of a school its own). */
export function fleet(patch: Partial<Fleet> = {}): Fleet {
  return { id: 'flotte-1', type: 'tablet', count: 10, workingCount: 10, year: 2024, charging: 'cart', mdm: true, ...patch };
}

const SOCLE_SCHOOL = {
  classesCount: 4,
  newTeachers: 1,
  internet: { access: 'fibre', downloadMbps: 100, uploadMbps: 50 },
  wifi: { accessPoints: 4, coverage: 'all', switchable: true },
  filtering: true,
  usageCharter: true,
  ent: { used: true, name: 'ENT 13' },
  resources: true,
  peripherals: { printerScanner: true, camera: true, robots: 0 },
} as const;

/** Objects merged key by key; arrays and values replaced. */
export type Patch<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object | null ? Patch<NonNullable<T[K]>> | T[K] : T[K] };

export function merged<T>(base: T, patch: Patch<T> | undefined): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch ?? {})) {
    const current = out[key];
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value) && current !== null && typeof current === 'object';
    out[key] = nested ? merged(current, value as Patch<typeof current>) : value;
  }
  return out as T;
}

/** A classroom that meets C01–C05, with `patch` applied. */
export function socleClassroom(patch?: Patch<ClassroomData>): ClassroomData {
  return merged(makeClassroomData(SOCLE_CLASSROOM), patch);
}

/** A school (of up to 4 classes) that meets E01–E09, with `patch` applied. */
export function socleSchool(patch?: Patch<SchoolData>): SchoolData {
  return merged(makeSchoolData({ ...SOCLE_SCHOOL, fleets: [fleet()] }), patch);
}

export function directorySchool(patch: Partial<DirectorySchool> = {}): DirectorySchool {
  return makeDirectorySchool(patch);
}
