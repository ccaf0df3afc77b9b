// Class rules C01–C05 of the référentiel v1. Equipment counts when working or degraded and not obsolete; a
// computer's obsolescence is C03's warning, not a failure of C02 (domain.md: an obsolete computer fails C03, not
// the socle). A value that is not recorded gives "non renseigné", never a silent pass or fail.
import type { ClassroomData, Condition } from '../model/types';
import type { Referential } from '../model/referential';
import { fieldLabel } from '../model/labels';
import type { ClassroomGap, Need, RuleResult } from './types';
import { allHold, result } from './outcome';
import { costsOf, need } from './needs';

export interface GapContext {
  referential: Referential;
  currentYear: number;
}

const COLLECTIVE_DISPLAYS = new Set(['eni', 'vpi', 'tni', 'projector']);
const usable = (condition: Condition) => condition === 'working' || condition === 'degraded';
// Labels looked up once: the engine runs over thousands of classrooms.
const labels = new Map<string, string>();
const label = (path: string) => {
  let text = labels.get(path);
  if (text === undefined) labels.set(path, (text = fieldLabel(`data.${path}`)));
  return text;
};

/** True when older than maxAgeYears, null when the year is not recorded. */
export function tooOld(year: number | null, ctx: GapContext): boolean | null {
  return year === null ? null : ctx.currentYear - year > ctx.referential.params.maxAgeYears;
}

function displayRule(d: ClassroomData['display'], ctx: GapContext, needs: Need[]): RuleResult {
  const old = tooOld(d.year, ctx);
  const broken = d.condition !== null && !usable(d.condition);
  if (!COLLECTIVE_DISPLAYS.has(d.type) || broken || old === true) {
    needs.push(need(ctx.referential, 'C01', 'display', 1), need(ctx.referential, 'C01', 'display-installation', 1));
    return result('C01', 'fails');
  }
  const missing = [d.condition === null && label('display.condition'), old === null && label('display.year')];
  return unknownOr('C01', missing);
}

function computerRule(c: ClassroomData['computer'], ctx: GapContext, needs: Need[]): RuleResult {
  if (c.type === 'none' || (c.condition !== null && !usable(c.condition))) {
    needs.push(need(ctx.referential, 'C02', 'class-computer', 1));
    return result('C02', 'fails');
  }
  if (c.linkedToDisplay === false) {
    needs.push(need(ctx.referential, 'C02', 'display-link', 1));
    return result('C02', 'fails');
  }
  const missing = [c.condition === null && label('computer.condition'), c.linkedToDisplay === null && label('computer.linkedToDisplay')];
  return unknownOr('C02', missing);
}

/** C03 judges a computer that is there and not broken (a broken one is C02's need), even if its state is unknown. */
function computerSpecRule(c: ClassroomData['computer'], ctx: GapContext, needs: Need[]): RuleResult {
  if (c.type === 'none' || (c.condition !== null && !usable(c.condition))) return result('C03', 'not-applicable');
  const { minRamGb } = ctx.referential.params;
  const old = tooOld(c.year, ctx);
  const lowRam = c.ramGb === null ? null : c.ramGb < minRamGb;
  const hdd = c.storage === null ? null : c.storage === 'hdd';
  if (old) {
    needs.push(need(ctx.referential, 'C03', 'class-computer', 1));
    return result('C03', 'fails');
  }
  if (lowRam || hdd) {
    needs.push(need(ctx.referential, 'C03', 'computer-upgrade', 1));
    return result('C03', 'fails');
  }
  const missing = [old === null && label('computer.year'), lowRam === null && label('computer.ramGb'), hdd === null && label('computer.storage')];
  return unknownOr('C03', missing);
}

/** Holds when nothing is missing, else "non renseigné" with what is missing. */
function unknownOr(rule: RuleResult['rule'], missing: ReadonlyArray<string | false>): RuleResult {
  const absent = missing.filter((m): m is string => typeof m === 'string');
  return absent.length > 0 ? result(rule, 'unknown', absent) : result(rule, 'holds');
}

function networkRule(n: ClassroomData['network'], ctx: GapContext, needs: Need[]): RuleResult {
  if (n.access === null) return result('C04', 'unknown', [label('network.access')]);
  if (n.access !== 'none') return result('C04', 'holds');
  needs.push(need(ctx.referential, 'C04', 'classroom-connection', 1));
  return result('C04', 'fails');
}

function documentCameraRule(v: ClassroomData['documentCamera']): RuleResult {
  if (v.present === null) return result('C05', 'unknown', [label('documentCamera.present')]);
  if (!v.present) return result('C05', 'fails');
  if (v.condition === null) return result('C05', 'unknown', [label('documentCamera.condition')]);
  return result('C05', usable(v.condition) ? 'holds' : 'fails');
}

export function computeClassroomGap(
  fiche: { id: string; uai: string; data: ClassroomData },
  ctx: GapContext,
): ClassroomGap {
  const { data } = fiche;
  const needs: Need[] = [];
  const c01 = displayRule(data.display, ctx, needs);
  const c02 = computerRule(data.computer, ctx, needs);
  const c03 = computerSpecRule(data.computer, ctx, needs);
  const c04 = networkRule(data.network, ctx, needs);
  const rules = [c01, c02, c03, c04, documentCameraRule(data.documentCamera)];
  const { costHt, unpricedItems } = costsOf(needs);
  const meetsSocle = allHold([c01, c02, c04]);
  return { id: fiche.id, uai: fiche.uai, label: data.label, rules, needs, meetsSocle, costHt, unpricedItems };
}
