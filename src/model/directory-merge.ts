// A new import of the directory merged into the device's (or the server's) directory. It updates rows, adds new
// ones, marks closed ones, keeps a school that left the directory when fiches hang on it, and never touches a fiche.
// The demonstration schools give way to the real directory, except those that were audited.
import type { DirectorySchool } from './school';

export interface DirectoryMerge {
  schools: DirectorySchool[];
  added: number;
  updated: number;
  unchanged: number;
  /** Open before, closed in the new file. */
  closed: number;
  /** In the directory before, absent from the new file, kept because fiches hang on them. */
  keptWithFiches: number;
  /** Absent from the new file and without fiches (demonstration schools included): removed. */
  removed: number;
}

const same = (a: DirectorySchool, b: DirectorySchool) => JSON.stringify(a) === JSON.stringify(b);

export function mergeDirectory(
  existing: readonly DirectorySchool[],
  imported: readonly DirectorySchool[],
  hasFiches: (uai: string) => boolean,
): DirectoryMerge {
  const before = new Map(existing.map((s) => [s.uai, s]));
  const merge: DirectoryMerge = { schools: [], added: 0, updated: 0, unchanged: 0, closed: 0, keptWithFiches: 0, removed: 0 };
  const seen = new Set<string>();
  for (const school of imported) {
    seen.add(school.uai);
    const previous = before.get(school.uai);
    if (!previous) merge.added += 1;
    else if (same(previous, school)) merge.unchanged += 1;
    else {
      merge.updated += 1;
      if (previous.open && !school.open) merge.closed += 1;
    }
    merge.schools.push(school);
  }
  for (const school of existing) {
    if (seen.has(school.uai)) continue;
    if (hasFiches(school.uai)) {
      merge.keptWithFiches += 1;
      merge.schools.push(school.leftDirectory ? school : { ...school, leftDirectory: true });
    } else merge.removed += 1;
  }
  return merge;
}
