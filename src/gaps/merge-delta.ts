// A report brought up to date by a delta (what an edit changed): new objects, the rest shared.
import type { GapDelta, GapReport } from './types';

export function mergeDelta(report: GapReport, delta: GapDelta): GapReport {
  const classrooms = { ...report.classrooms, ...delta.classrooms };
  for (const id of delta.removedClassrooms) delete classrooms[id];
  return {
    referentialVersion: delta.referentialVersion,
    classrooms,
    schools: { ...report.schools, ...delta.schools },
    departement: delta.departement,
    computeMs: delta.computeMs,
  };
}
