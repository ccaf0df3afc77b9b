// The priority of a school (pilotage.md, "Priority of a school"): a score from 0 to 100 with its reasons, and a
// rank. Only schools of the directory with an audited classroom not at the socle, or a required school rule
// failing (E01–E05), are ranked; the others are "au socle" or "à auditer" and get no score.
import type { RuleResult, SchoolGap } from '../gaps/types';
import { PRIORITY_WEIGHTS_V1, type PriorityWeights, type RuleDef } from '../model/referential';
import type { DirectorySchool } from '../model/school';

const REQUIRED_SCHOOL_RULES: ReadonlySet<string> = new Set(['E01', 'E02', 'E03', 'E04', 'E05']);

export interface Priority {
  uai: string;
  /** 0 to 100, to one decimal. */
  score: number;
  /** Share of the audited classes not at the socle, 0 to 1. */
  share: number;
  ips: number | null;
  /** "REP+", "IPS 78,4", "7 classes sur 9 hors socle", "Wi-Fi (E03)". */
  reasons: string[];
}

export interface RankedPriority extends Priority {
  /** 1 for the first school to equip. */
  rank: number;
}

const frenchDecimal = (value: number) => String(value).replace('.', ',');
const clamp = (value: number) => Math.min(1, Math.max(0, value));

function failingRequired(rules: readonly RuleResult[]): RuleResult[] {
  return rules.filter((r) => r.outcome === 'fails' && REQUIRED_SCHOOL_RULES.has(r.rule));
}

/** The score of one school, or null when it is not ranked (out of the directory, au socle, or not audited). */
export function priorityOf(
  gap: SchoolGap,
  school: DirectorySchool | undefined,
  rules: readonly RuleDef[],
  weights: PriorityWeights = PRIORITY_WEIGHTS_V1,
): Priority | null {
  const failing = failingRequired(gap.rules);
  if (!school || (gap.classroomsFailing === 0 && failing.length === 0)) return null;
  const reasons: string[] = [];
  let score = 0;
  if (school.educationPrioritaire) {
    score += school.educationPrioritaire === 'REP+' ? weights.repPlus : weights.rep;
    reasons.push(school.educationPrioritaire);
  }
  if (school.ips === null) {
    score += weights.ipsUnknown;
    reasons.push('IPS inconnu');
  } else {
    score += weights.ips * clamp((weights.ipsHigh - school.ips) / weights.ipsSpan);
    reasons.push(`IPS ${frenchDecimal(school.ips)}`);
  }
  const share = gap.classroomsAudited > 0 ? gap.classroomsFailing / gap.classroomsAudited : 0;
  score += weights.share * share;
  if (gap.classroomsFailing > 0) reasons.push(`${gap.classroomsFailing} ${gap.classroomsFailing >= 2 ? 'classes' : 'classe'} sur ${gap.classroomsAudited} hors socle`);
  score += Math.min(weights.failingRulesMax, weights.perFailingRule * failing.length);
  for (const r of failing) reasons.push(`${rules.find((d) => d.id === r.rule)?.short ?? r.rule} (${r.rule})`);
  return { uai: gap.uai, score: Math.round(score * 10) / 10, share, ips: school.ips, reasons };
}

/** Higher score first; ties: higher share, then lower IPS (unknown last), then UAI. */
function priorityOrder(a: Priority, b: Priority): number {
  return (
    b.score - a.score ||
    b.share - a.share ||
    (a.ips ?? Number.POSITIVE_INFINITY) - (b.ips ?? Number.POSITIVE_INFINITY) ||
    (a.uai < b.uai ? -1 : a.uai > b.uai ? 1 : 0) // UAIs are ASCII: no locale needed, and localeCompare was most of the sort's time
  );
}

/**
 * The ranked schools among `gaps`, by UAI: pass the département's schools for the département's rank, or one
 * chef de file's for its own. `directory` holds the open schools; others are not ranked.
 */
export function rankSchools(
  gaps: Iterable<SchoolGap>,
  directory: ReadonlyMap<string, DirectorySchool>,
  rules: readonly RuleDef[],
  weights: PriorityWeights = PRIORITY_WEIGHTS_V1,
): Map<string, RankedPriority> {
  const scored: Priority[] = [];
  for (const gap of gaps) {
    const priority = priorityOf(gap, directory.get(gap.uai), rules, weights);
    if (priority) scored.push(priority);
  }
  return rankPriorities(scored);
}

/** Schools' priorities in rank order, numbered from 1 (sorts `scored` in place). */
export function rankPriorities(scored: Priority[]): Map<string, RankedPriority> {
  scored.sort(priorityOrder);
  return new Map(scored.map((p, i) => [p.uai, { ...p, rank: i + 1 }]));
}
