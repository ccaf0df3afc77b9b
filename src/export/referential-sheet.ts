// Référentiel: what the figures were computed with (version, rules, parameters, funding, targets, priority scale,
// prices with their dates and sources), when the export was made and how many fiches it covers. Written for a
// reader: French labels and units, no code of the app; the Code column holds only the rule ids users know (C01…).
import { FUNDING_KEYS, FUNDING_SETTINGS, PARAM_KEYS, PARAM_SETTINGS } from '../model/referential-settings';
import { assumptionNote, SEVERITY_LABELS, type PriorityWeights, type Referential } from '../model/referential';
import type { ExportContext } from './export-input';
import { columnsOf, sheetOf, type Cell, type Sheet } from './sheet';
import { cents, timeCell } from './values';
import { isSimulationVersion } from '../model/referential-version';

/** What one row of Référentiel is read from: a value of the référentiel or of the export, with what it is. */
interface Line {
  section: string;
  code: string | null;
  label: string;
  value: Cell;
  unit: string | null;
  date: Cell;
  source: string | null;
}

const { text } = columnsOf<Line>();

export const REFERENTIAL_COLUMNS = [
  text('Rubrique', (line) => line.section),
  text('Code', (line) => line.code),
  text('Libellé', (line) => line.label),
  text('Valeur', (line) => line.value),
  // A unit only beside a number.
  text('Unité', (line) => (typeof line.value === 'number' ? line.unit : null)),
  text('Date', (line) => line.date),
  text('Source', (line) => line.source),
];

/** What a référentiel edited in Paramètres on a device says of itself, on the sheet's first line. */
export const LOCAL_REFERENTIAL_WARNING =
  'Référentiel local (simulation) : paramètres ou prix modifiés sur un appareil, ce ne sont pas ceux arrêtés par le Département';

const SCOPE_LABELS = { classroom: 'Règle de la classe', school: "Règle de l'école" } as const;

/** 0.7 → 70 (%). */
export const percent = (share: number): number => Math.round(share * 1000) / 10;

type LineArgs = [section: string, code: string | null, label: string, value: Cell, unit?: string | null, date?: Cell, source?: string | null];

function line(...[section, code, label, value, unit = null, date = null, source = null]: LineArgs): Line {
  return { section, code, label, value, unit, date, source };
}

function parameterLines(referential: Referential): Line[] {
  return PARAM_KEYS.map((key) => {
    const { label, unit, sheetUnit, whenEmpty } = PARAM_SETTINGS[key];
    const value = referential.params[key];
    if (value === null) return line('Paramètre', null, label, whenEmpty?.sheet ?? 'non fixé');
    return line('Paramètre', null, label, value, sheetUnit ?? unit ?? null, null, assumptionNote(referential, key));
  });
}

/** A target, or "non fixé" (a département without configuration, until the Département sets it). */
function targetLine(label: string, value: number | null, unit: string): Line {
  return value === null ? line('Objectif', null, label, 'non fixé') : line('Objectif', null, label, value, unit);
}

function priorityLines(w: PriorityWeights): Line[] {
  const section = 'Priorité (barème sur 100)';
  return [
    line(section, null, 'École en REP+', w.repPlus, 'points'),
    line(section, null, 'École en REP', w.rep, 'points'),
    line(section, null, `Indice de position sociale (IPS) : de 0 (IPS ${w.ipsHigh} ou plus) à ${w.ips} (IPS ${w.ipsHigh - w.ipsSpan} ou moins)`, w.ips, 'points'),
    line(section, null, 'IPS inconnu', w.ipsUnknown, 'points'),
    line(section, null, 'Part des classes auditées hors socle (toutes : le maximum)', w.share, 'points'),
    line(section, null, "Par règle requise de l'école non tenue (E01 à E05)", w.perFailingRule, 'points'),
    line(section, null, "Règles requises de l'école non tenues, au plus", w.failingRulesMax, 'points'),
  ];
}

export function buildReferentialSheet(ctx: ExportContext): Sheet {
  const { referential, campaign, exportedAt } = ctx.input;
  const { school, classroom } = ctx.fichesCovered;
  const lines: Line[] = [
    ...(isSimulationVersion(referential.version) ? [line('Attention', null, LOCAL_REFERENTIAL_WARNING, referential.version)] : []),
    line('Export', null, 'Version du référentiel', referential.version),
    line('Export', null, "Date et heure de l'export", timeCell(exportedAt)),
    line('Export', null, 'Campagne', campaign),
    line('Export', null, 'Fiches couvertes', school + classroom, 'fiches'),
    line('Export', null, 'Fiches école', school, 'fiches'),
    line('Export', null, 'Fiches classe', classroom, 'fiches'),
    ...referential.rules.map((r) => line(SCOPE_LABELS[r.scope], r.id, `${r.short} – ${r.label}`, SEVERITY_LABELS[r.severity])),
    ...parameterLines(referential),
    ...FUNDING_KEYS.map((key) => {
      const { label, unit } = FUNDING_SETTINGS[key];
      const value = referential.funding[key];
      return line('Financement', null, label, unit === '%' ? percent(value) : value, unit);
    }),
    targetLine('Classes à équiper', referential.targets.classes, 'classes'),
    targetLine('Néo-titulaires à équiper', referential.targets.newTeachers, 'néo-titulaires'),
    ...priorityLines(referential.priorityWeights),
    ...referential.prices.map((p) =>
      line('Prix unitaire HT', null, p.label, p.unitPriceHt === null ? 'non chiffré' : cents(p.unitPriceHt), '€ HT', p.date, p.source)),
  ];
  return sheetOf('referentiel', REFERENTIAL_COLUMNS, lines);
}
