// What the page keeps of the gaps (GapSummary): each school cut down to its figures, and an edit's delta merged in.
// A school without fiches has nothing to summarise: the département's figures already count it.
import type { GapSummary, GapSummaryDelta, SchoolGap, SchoolSummary } from './types';

export function summarizeSchool(gap: SchoolGap): SchoolSummary {
  // Written out rather than a rest spread, which is several times slower over 1,200 schools; a field added to
  // SchoolGap and not here does not compile.
  const { uai, inDirectory, audited, hasFiches, status, classrooms, classroomsAudited, classroomsMeeting, classroomsFailing, classroomsUnknown } = gap;
  const { newTeachers, meetsSocle, costHt, unpricedItems } = gap;
  return { uai, inDirectory, audited, hasFiches, status, classrooms, classroomsAudited, classroomsMeeting, classroomsFailing, classroomsUnknown, newTeachers, meetsSocle, costHt, unpricedItems };
}

/** The summaries of the schools with fiches, by UAI. */
export function summarySchools(gaps: Iterable<SchoolGap>): Record<string, SchoolSummary> {
  const schools: Record<string, SchoolSummary> = {};
  for (const gap of gaps) if (gap.hasFiches) schools[gap.uai] = summarizeSchool(gap);
  return schools;
}

/** The summary brought up to date by a delta: new objects, the rest shared. */
export function mergeSummary(summary: GapSummary, delta: GapSummaryDelta): GapSummary {
  const schools = { ...summary.schools };
  for (const [uai, school] of Object.entries(delta.schools)) {
    if (school.hasFiches) schools[uai] = school;
    else delete schools[uai];
  }
  const { referentialVersion, inputsKey, departement, computeMs } = delta;
  return { referentialVersion, inputsKey, schools, departement, computeMs };
}
