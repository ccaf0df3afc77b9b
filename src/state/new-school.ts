// What a new school fiche proposes before anything is saved: today's date of visit (in Paris, where the tablets are)
// and the directory's number of classes. Nothing is stored until the user edits the fiche.
import { makeSchoolData } from '../model/make';
import type { DirectorySchool } from '../model/school';
import type { SchoolData } from '../model/types';
import { parisDateTime } from '../export/paris-time';

/** The range records.md allows for classesCount: a directory figure outside it is not proposed. */
const MAX_CLASSES = 60;

export function newSchoolData(school: DirectorySchool | undefined, now: Date = new Date()): SchoolData {
  const classes = school?.classes ?? null;
  return makeSchoolData({
    visitDate: parisDateTime(now)?.slice(0, 10) ?? null,
    classesCount: classes !== null && classes >= 1 && classes <= MAX_CLASSES ? classes : null,
  });
}
