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
const label = (path: string) => fieldLabel(`data.${path}`);

/** True when older than maxAgeYears, null when the year is not recorded. */
export function tooOld(year: number | null, ctx: GapContext): boolean | null {
  return year === null ? null : ctx.currentYear - year > ctx.referential.params.maxAgeYears;
}

function displayRule(d: ClassroomData['display'], ctx: GapContext, needs: Need[]): RuleResult {
  const replace = () => {
    needs.push(need(ctx.referential, 'C01', 'display', 1), need(ctx.referential, 'C01', 'display-installation', 1));
    return result('C01', 'fails');
  };
  if (!COLLECTIVE_DISPLAYS.has(d.type)) return replace();
  if (d.condition === null) return result('C01', 'unknown', [label('display.condition')]);
  if (!usable(d.condition)) return replace();
  const old = tooOld(d.year, ctx);
  if (old === null) return result('C01', 'unknown', [label('display.year')]);
  return old ? replace() : result('C01', 'holds');
}

function computerRule(c: ClassroomData['computer'], ctx: GapContext, needs: Need[]): RuleResult {
  const replace = () => {
    needs.push(need(ctx.referential, 'C02', 'class-computer', 1));
    return result('C02', 'fails');
  };
  if (c.type === 'none') return replace();
  if (c.condition === null) return result('C02', 'unknown', [label('computer.condition')]);
  if (!usable(c.condition)) return replace();
  if (c.linkedToDisplay === null) return result('C02', 'unknown', [label('computer.linkedToDisplay')]);
  return result('C02', c.linkedToDisplay ? 'holds' : 'fails');
}

function computerSpecRule(c: ClassroomData['computer'], ctx: GapContext, needs: Need[]): RuleResult {
  if (c.type === 'none' || c.condition === null || !usable(c.condition)) return result('C03', 'not-applicable');
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
  const missing = [
    old === null && label('computer.year'),
    lowRam === null && label('computer.ramGb'),
    hdd === null && label('computer.storage'),
  ].filter((m): m is string => typeof m === 'string');
  return missing.length > 0 ? result('C03', 'unknown', missing) : result('C03', 'holds');
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
  return { id: fiche.id, uai: fiche.uai, label: data.label, rules, needs, meetsSocle: allHold([c01, c02, c04]), ...costsOf(needs) };
}
