// The school directory as the schools list shows it: search and filters.
import { computed, signal } from '@preact/signals';
import { listSchools, seedDirectoryIfEmpty } from '../storage/directory';
import { getDirectorySettings, setDirectorySettings, type DirectorySettings } from '../storage/prefs';
import { filterSchools, type SchoolFilter } from '../model/search';
import type { DirectorySchool } from '../model/school';
import { naturalCompare } from '../model/natural-sort';
import { deviceDb } from './device-db';

export const schools = signal<DirectorySchool[]>([]);
export const schoolFilter = signal<SchoolFilter>({ query: '', circonscription: '', chefDeFile: '' });

export const isDemoDirectory = computed(() => schools.value.some((school) => school.source === 'demo' && !school.leftDirectory));

export const circonscriptions = computed(() =>
  [...new Set(schools.value.map((school) => school.circonscription))].sort(naturalCompare),
);

export const filteredSchools = computed(() => filterSchools(schools.value, schoolFilter.value));

export const schoolsByUai = computed(() => new Map(schools.value.map((school) => [school.uai, school])));

export function updateFilter(patch: Partial<SchoolFilter>): void {
  schoolFilter.value = { ...schoolFilter.value, ...patch };
}

// As people read them: "Marseille 1er" before "Marseille 10e", "École 2" before "École 10".
const byCommuneThenName = (a: DirectorySchool, b: DirectorySchool) => naturalCompare(a.commune, b.commune) || naturalCompare(a.name, b.name);

// Only a device without a directory needs the demonstration schools: they stay out of the main bundle.
const demoSchools = () => import('../directory/demo-schools').then((m) => m.DEMO_SCHOOLS);

/** Loads the directory, with the demonstration schools on a device that has none. */
export async function loadDirectory(): Promise<void> {
  const db = deviceDb();
  let list = await listSchools(db);
  if (list.length === 0) {
    await seedDirectoryIfEmpty(db, await demoSchools());
    list = await listSchools(db);
  }
  schools.value = list.sort(byCommuneThenName);
}

/** On a device that has no database yet: the directory that loadDirectory will seed it with, shown meanwhile. */
export async function showDemoDirectory(): Promise<void> {
  schools.value = [...(await demoSchools())].sort(byCommuneThenName);
}

export function loadDirectorySettings(): Promise<DirectorySettings> {
  return getDirectorySettings();
}

export function saveDirectorySettings(settings: DirectorySettings): Promise<void> {
  return setDirectorySettings(settings);
}
