// School rules E01–E09 of the référentiel v1, and whether a school meets the socle.
import type { SchoolData } from '../model/types';
import type { DirectorySchool } from '../model/school';
import { fieldLabel } from '../model/labels';
import type { ClassroomGap, Need, RuleResult, SchoolGap, TerminalCount } from './types';
import { allHold, fromAnswer, result } from './outcome';
import { costsOf, need } from './needs';
import { tooOld, type GapContext } from './classroom-rules';

const labels = new Map<string, string>();
const label = (path: string) => {
  let text = labels.get(path);
  if (text === undefined) labels.set(path, (text = fieldLabel(`data.${path}`)));
  return text;
};
const NO_SCHOOL_FICHE = "Fiche de l'école";

/** How many classes the school has: its fiche says, else the directory, else the classrooms audited. */
export function classesOf(data: SchoolData | undefined, school: DirectorySchool | undefined, audited: number): Pick<TerminalCount, 'classes' | 'classesSource'> {
  if (data?.classesCount != null) return { classes: data.classesCount, classesSource: 'fiche' };
  if (school?.classes != null) return { classes: school.classes, classesSource: 'annuaire' };
  return audited > 0 ? { classes: audited, classesSource: 'classes auditées' } : { classes: null, classesSource: null };
}

export function terminalsRule(data: SchoolData, classes: Pick<TerminalCount, 'classes' | 'classesSource'>, ctx: GapContext, needs: Need[]) {
  const { terminalsPerGroup, classesPerGroup } = ctx.referential.params;
  const counted = data.fleets.reduce((sum, fleet) => sum + (tooOld(fleet.year, ctx) ? 0 : fleet.workingCount), 0);
  const required = classes.classes === null ? null : terminalsPerGroup * Math.ceil(classes.classes / classesPerGroup);
  const terminals: TerminalCount = { ...classes, required, counted };
  if (required === null) return { terminals, rule: result('E01', 'unknown', [label('classesCount')]) };
  if (counted >= required) return { terminals, rule: result('E01', 'holds') };
  needs.push(need(ctx.referential, 'E01', 'mobile-terminal', required - counted));
  return { terminals, rule: result('E01', 'fails') };
}

function fleetsRule(data: SchoolData, ctx: GapContext, needs: Need[]): RuleResult {
  if (data.fleets.length === 0) return result('E02', 'not-applicable');
  const missing = new Set<string>();
  let fails = false;
  for (const fleet of data.fleets) {
    if (fleet.charging === null) missing.add(label('fleets.charging'));
    else if (fleet.charging === 'none') {
      fails = true;
      needs.push(need(ctx.referential, 'E02', 'charging-cart', 1));
    }
    if (fleet.mdm === null) missing.add(label('fleets.mdm'));
    else if (!fleet.mdm) {
      fails = true;
      needs.push(need(ctx.referential, 'E02', 'mdm-licence', fleet.count));
    }
  }
  if (fails) return result('E02', 'fails');
  return missing.size > 0 ? result('E02', 'unknown', [...missing]) : result('E02', 'holds');
}

function wifiRule(data: SchoolData, classes: number | null, ctx: GapContext, needs: Need[]): RuleResult {
  const { coverage, switchable, accessPoints } = data.wifi;
  if (coverage !== null && coverage !== 'all') {
    needs.push(need(ctx.referential, 'E03', 'access-point', Math.max(1, (classes ?? 1) - (accessPoints ?? 0))));
    return result('E03', 'fails');
  }
  if (switchable === false) return result('E03', 'fails');
  const missing = [coverage === null && label('wifi.coverage'), switchable === null && label('wifi.switchable')];
  const unknown = missing.filter((m): m is string => typeof m === 'string');
  return unknown.length > 0 ? result('E03', 'unknown', unknown) : result('E03', 'holds');
}

function internetRule(data: SchoolData, ctx: GapContext): RuleResult {
  const min = ctx.referential.params.minDownloadMbps;
  if (min === null) return result('E04', 'not-evaluated');
  if (data.internet.downloadMbps === null) return result('E04', 'unknown', [label('internet.downloadMbps')]);
  return result('E04', data.internet.downloadMbps >= min ? 'holds' : 'fails');
}

function peripheralsRule(data: SchoolData): RuleResult {
  const { printerScanner, camera } = data.peripherals;
  if (printerScanner === false || camera === false) return result('E09', 'fails');
  const missing = [printerScanner === null && label('peripherals.printerScanner'), camera === null && label('peripherals.camera')];
  const unknown = missing.filter((m): m is string => typeof m === 'string');
  return unknown.length > 0 ? result('E09', 'unknown', unknown) : result('E09', 'holds');
}

export function schoolRules(data: SchoolData | undefined, classes: Pick<TerminalCount, 'classes' | 'classesSource'>, ctx: GapContext) {
  const needs: Need[] = [];
  if (!data) {
    const ids = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09'] as const;
    const rules = ids.map((id) => (id === 'E04' && ctx.referential.params.minDownloadMbps === null ? result(id, 'not-evaluated') : result(id, 'unknown', [NO_SCHOOL_FICHE])));
    return { rules, needs, terminals: { ...classes, required: null, counted: null } };
  }
  const { terminals, rule: e01 } = terminalsRule(data, classes, ctx, needs);
  const rules = [
    e01,
    fleetsRule(data, ctx, needs),
    wifiRule(data, classes.classes, ctx, needs),
    internetRule(data, ctx),
    fromAnswer('E05', data.filtering, label('filtering')),
    fromAnswer('E06', data.usageCharter, label('usageCharter')),
    fromAnswer('E07', data.ent.used, label('ent.used')),
    fromAnswer('E08', data.resources, label('resources')),
    peripheralsRule(data),
  ];
  return { rules, needs, terminals };
}

const REQUIRED_SCHOOL_RULES = new Set(['E01', 'E02', 'E03', 'E04', 'E05']);

export function computeSchoolGap(
  uai: string,
  schoolData: SchoolData | undefined,
  classrooms: readonly ClassroomGap[],
  directory: DirectorySchool | undefined,
  ctx: GapContext,
): SchoolGap {
  const classes = classesOf(schoolData, directory, classrooms.length);
  const { rules, needs, terminals } = schoolRules(schoolData, classes, ctx);
  const meeting = classrooms.filter((c) => c.meetsSocle === true).length;
  const failing = classrooms.filter((c) => c.meetsSocle === false).length;
  const unknown = classrooms.length - meeting - failing;
  const own = costsOf(needs);
  const required = allHold(rules.filter((r) => REQUIRED_SCHOOL_RULES.has(r.rule)));
  const allClassesAudited = classrooms.length > 0 && (classes.classes === null || classrooms.length >= classes.classes);
  let meetsSocle: boolean | null = null;
  if (failing > 0 || required === false) meetsSocle = false;
  else if (unknown === 0 && required === true && allClassesAudited) meetsSocle = true;
  return {
    uai,
    inDirectory: directory !== undefined,
    audited: schoolData !== undefined || classrooms.length > 0,
    rules,
    needs,
    classrooms: classrooms.length,
    classroomsMeeting: meeting,
    classroomsFailing: failing,
    classroomsUnknown: unknown,
    terminals,
    newTeachers: schoolData?.newTeachers ?? 0,
    meetsSocle,
    costHt: Math.round((own.costHt + classrooms.reduce((s, c) => s + c.costHt, 0)) * 100) / 100,
    unpricedItems: own.unpricedItems + classrooms.reduce((s, c) => s + c.unpricedItems, 0),
  };
}
