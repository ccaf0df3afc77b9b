// What the gap engine says of a classroom, a school and the département. Plain data: it crosses the worker boundary.
import type { ItemId, RuleId, Targets } from '../model/referential';

/** `unknown` is "non renseigné": the data needed is missing, never a silent pass or fail. */
export type Outcome = 'holds' | 'fails' | 'unknown' | 'not-applicable' | 'not-evaluated';

export interface RuleResult {
  rule: RuleId;
  outcome: Outcome;
  /** Labels of the fields that are not recorded, when the outcome is unknown. */
  missing: readonly string[];
  /**
   * Why the rule fails or is not evaluated, in the user's words and from the référentiel's wording
   * ("VPI de 2016 : plus de 8 ans, ne compte plus pour le socle"); null when it holds or is not recorded.
   */
  reason: string | null;
}

export interface Need {
  rule: RuleId;
  item: ItemId;
  label: string;
  /** Why it is needed: the reason of the failing rule. */
  reason: string;
  quantity: number;
  unitPriceHt: number | null;
  /** null: "non chiffré". */
  amountHt: number | null;
}

export interface Costs {
  /** Sum of the priced needs, HT. */
  costHt: number;
  /** Needs without a price: never counted as 0 €. */
  unpricedItems: number;
}

export interface ClassroomGap extends Costs {
  id: string;
  uai: string;
  label: string;
  rules: RuleResult[];
  needs: Need[];
  /** null when a required rule is not recorded and none fails. */
  meetsSocle: boolean | null;
  /** Whether anything of the classroom's equipment is recorded: an untouched classroom is not audited. */
  recorded: boolean;
}

export interface TerminalCount {
  classes: number | null;
  classesSource: 'fiche' | 'annuaire' | 'classes auditées' | null;
  required: number | null;
  counted: number | null;
}

/**
 * Where a school's audit stands (pilotage.md): nothing recorded; classrooms but no school fiche; a school fiche
 * still "Brouillon"; "Terminé". Only a finished one counts as audited.
 */
export type SchoolStatusCode = 'todo' | 'in-progress' | 'draft' | 'complete';

export interface SchoolGap extends Costs {
  uai: string;
  inDirectory: boolean;
  /** The school fiche says "Terminé". */
  audited: boolean;
  /** The school has fiches of this campaign (a school fiche or classrooms). */
  hasFiches: boolean;
  status: SchoolStatusCode;
  rules: RuleResult[];
  /** Needs of the school itself (classroom needs are on each classroom). */
  needs: Need[];
  /** Classroom fiches, untouched ones included. */
  classrooms: number;
  /** Classrooms with something of their equipment recorded. */
  classroomsAudited: number;
  classroomsMeeting: number;
  classroomsFailing: number;
  classroomsUnknown: number;
  terminals: TerminalCount;
  newTeachers: number;
  meetsSocle: boolean | null;
}

/** What the page keeps of a school between its visits: its figures, without its rules, needs and terminals. */
export type SchoolSummary = Omit<SchoolGap, 'rules' | 'needs' | 'terminals'>;

export interface Aggregate extends Costs {
  key: string;
  label: string;
  schools: number;
  /** Schools whose audit is "Terminé". */
  schoolsAudited: number;
  /** Schools with fiches whose audit is not finished ("en cours": no school fiche, or one in "Brouillon"). */
  schoolsInProgress: number;
  schoolsMeeting: number;
  classesAudited: number;
  classesMeeting: number;
  classesToEquip: number;
  classesUnknown: number;
  newTeachers: number;
  stateShareHt: number;
}

export interface DepartementReport {
  total: Aggregate;
  byChefDeFile: Aggregate[];
  byCirconscription: Aggregate[];
  byCommune: Aggregate[];
  byEducationPrioritaire: Aggregate[];
  /** The référentiel's; null: not set for this département ("objectif non fixé"). */
  targets: Targets;
}

export interface GapReport {
  referentialVersion: string;
  classrooms: Record<string, ClassroomGap>;
  schools: Record<string, SchoolGap>;
  departement: DepartementReport;
  /** Time the worker (or the main thread) spent computing, ms. */
  computeMs: number;
}

/** What an edit changes: the classrooms and schools it touches, and the département's figures. */
export interface GapDelta {
  referentialVersion: string;
  classrooms: Record<string, ClassroomGap>;
  removedClassrooms: string[];
  schools: Record<string, SchoolGap>;
  departement: DepartementReport;
  computeMs: number;
}

/**
 * What the page holds of the campaign's gaps: the département's figures and a summary of each school with fiches.
 * The classrooms' gaps stay in the worker; a school's are asked for when its screen opens (SchoolGaps).
 */
export interface GapSummary {
  referentialVersion: string;
  /** The fingerprint of what it was computed from (inputs-key.ts). */
  inputsKey: string;
  schools: Record<string, SchoolSummary>;
  departement: DepartementReport;
  computeMs: number;
}

/** What an edit changes of the summary: the schools it touches (one left without fiches is dropped). */
export interface GapSummaryDelta {
  referentialVersion: string;
  inputsKey: string;
  schools: Record<string, SchoolSummary>;
  departement: DepartementReport;
  computeMs: number;
}

/** One school in full: its rules, needs and terminals, and the gap of each of its classrooms. */
export interface SchoolGaps {
  uai: string;
  referentialVersion: string;
  school: SchoolGap;
  classrooms: Record<string, ClassroomGap>;
}
