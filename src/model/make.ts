// Builders of records: empty forms for the app, and fixtures for tests (`makeClassroomFiche({ data: { pupils: 41 } })`).
// A new fiche records nothing: every observation is null ("non renseigné"), never a value that means something was
// seen (records.md v2, "Defaults of a new fiche").
import type { Author, ClassroomData, ClassroomFiche, SchoolData, SchoolFiche } from './types';
import type { DirectorySchool } from './school';
import { schoolFicheId } from './sync-protocol';

export const REFERENTIAL_VERSION = '2026.1';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

function merge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value) && current !== null && typeof current === 'object';
    out[key] = nested ? merge(current, value as DeepPartial<typeof current>) : value;
  }
  return out as T;
}

export function makeClassroomData(patch?: DeepPartial<ClassroomData>): ClassroomData {
  return merge<ClassroomData>(
    {
      label: 'Classe 1',
      levels: [],
      pupils: null,
      display: { type: null, condition: null, year: null, sizeInches: null },
      computer: { type: null, condition: null, year: null, os: null, ramGb: null, storage: null, linkedToDisplay: null, inventoryTag: null },
      network: { access: null, tested: null },
      documentCamera: { present: null, condition: null },
      notes: '',
      trainingNeeds: [],
    },
    patch,
  );
}

export function makeSchoolData(patch?: DeepPartial<SchoolData>): SchoolData {
  return merge<SchoolData>(
    {
      visitDate: null,
      status: 'draft',
      classesCount: null,
      pupils: null,
      newTeachers: null,
      internet: { access: null, downloadMbps: null, uploadMbps: null },
      wifi: { accessPoints: null, coverage: null, switchable: null },
      fleets: [],
      filtering: null,
      usageCharter: null,
      ent: { used: null, name: null },
      resources: null,
      peripherals: { printerScanner: null, camera: null, robots: null },
      trainingNeeds: [],
      needs: '',
      notes: '',
    },
    patch,
  );
}

const DEFAULT_AUTHOR: Author = { name: 'Camille Martin', role: 'erun' };

interface EnvelopePatch {
  id?: string;
  uai?: string;
  campaign?: string;
  rev?: number;
  updatedAt?: string;
  deleted?: boolean;
  author?: Author;
  referentialVersion?: string;
}

function envelope(patch: EnvelopePatch) {
  return {
    id: patch.id ?? crypto.randomUUID(),
    uai: patch.uai ?? '0130569Y',
    campaign: patch.campaign ?? '2026-2027',
    rev: patch.rev ?? 1,
    updatedAt: patch.updatedAt ?? new Date().toISOString(),
    deleted: patch.deleted ?? false,
    author: patch.author ?? DEFAULT_AUTHOR,
    referentialVersion: patch.referentialVersion ?? REFERENTIAL_VERSION,
  };
}

export function makeClassroomFiche(patch: EnvelopePatch & { data?: DeepPartial<ClassroomData> } = {}): ClassroomFiche {
  return { ...envelope(patch), kind: 'classroom', data: makeClassroomData(patch.data) };
}

/** A school fiche under its derived id (`ecole-<campaign>-<uai>`, sync.md v2) unless the patch names another. */
export function makeSchoolFiche(patch: EnvelopePatch & { data?: DeepPartial<SchoolData> } = {}): SchoolFiche {
  const fields = envelope(patch);
  return { ...fields, id: patch.id ?? schoolFicheId(fields.campaign, fields.uai), kind: 'school', data: makeSchoolData(patch.data) };
}

/** A school of the directory (by default a Marseille REP+ école from the demonstration data). */
export function makeDirectorySchool(patch: Partial<DirectorySchool> = {}): DirectorySchool {
  return {
    uai: '0130569Y',
    name: 'École élémentaire François Moisson',
    commune: 'Marseille 2e Arrondissement',
    communeCode: '13202',
    circonscription: 'Marseille 02 – Joliette',
    educationPrioritaire: 'REP+',
    chefDeFile: 'ville-marseille',
    maternelle: false,
    elementaire: true,
    classes: 8,
    pupils: 190,
    ips: 80,
    open: true,
    source: 'demo',
    ...patch,
  };
}
