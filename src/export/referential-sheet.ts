// Référentiel: what the figures were computed with (version, rules, parameters, funding, targets, prices with
// their dates and sources), when the export was made and how many fiches it covers.
import { PARAM_LABELS } from '../model/referential-settings';
import { SEVERITY_LABELS } from '../model/referential';
import type { ExportContext } from './export-input';
import { text, type Cell, type Row, type Sheet } from './sheet';
import { timeCell } from './values';

export const REFERENTIAL_COLUMNS = [
  text('Rubrique'), text('Code'), text('Libellé'), text('Valeur'), text('Date'), text('Source'),
] as const;

const FUNDING_LABELS = {
  equipmentThresholdHt: "Seuil des dépenses d'équipement d'une collectivité (€ HT)",
  stateShareBelow: "Part de l'État sous le seuil",
  stateShareAtOrAbove: "Part de l'État à partir du seuil",
  resourcesShare: "Part de l'État pour les ressources",
} as const;

export function buildReferentialSheet(ctx: ExportContext): Sheet {
  const { referential, campaign, exportedAt } = ctx.input;
  const { school, classroom } = ctx.fichesCovered;
  const row = (section: string, code: string, label: string, value: Cell, date: Cell = null, source: Cell = null): Row =>
    [section, code, label, value, date, source];
  const rows: Row[] = [
    row('Export', 'version', 'Version du référentiel', referential.version),
    row('Export', 'exportedAt', "Date et heure de l'export", timeCell(exportedAt)),
    row('Export', 'campaign', 'Campagne', campaign),
    row('Export', 'fiches', 'Fiches couvertes', school + classroom),
    row('Export', 'schoolFiches', 'Fiches école', school),
    row('Export', 'classroomFiches', 'Fiches classe', classroom),
    ...referential.rules.map((r) => row('Règle', r.id, r.label, SEVERITY_LABELS[r.severity])),
    ...(Object.keys(referential.params) as Array<keyof typeof referential.params>).map((key) =>
      row('Paramètre', key, PARAM_LABELS[`params.${key}`] ?? key, referential.params[key])),
    ...(Object.keys(FUNDING_LABELS) as Array<keyof typeof FUNDING_LABELS>).map((key) =>
      row('Financement', key, FUNDING_LABELS[key], referential.funding[key])),
    row('Objectif', 'classes', PARAM_LABELS['targets.classes'] ?? 'classes', referential.targets.classes),
    row('Objectif', 'newTeachers', PARAM_LABELS['targets.newTeachers'] ?? 'newTeachers', referential.targets.newTeachers),
    ...referential.prices.map((p) => row('Prix unitaire HT (€)', p.item, p.label, p.unitPriceHt, p.date, p.source)),
  ];
  return { slug: 'referentiel', name: 'Référentiel', columns: REFERENTIAL_COLUMNS, rows };
}
