// Editing the référentiel's parameters, prices and targets: the same validation in the settings form and anywhere
// else a référentiel is read from; every edit makes a new local version.
import * as v from 'valibot';
import { decimalIn, integerIn, text } from './fields';
import { TERMINALS_PER_GROUP_ALLOWED, type Referential } from './referential';
import type { FieldError } from './types';

export const PARAM_LABELS: Record<string, string> = {
  'params.maxAgeYears': "Âge maximal d'un ordinateur ou d'une flotte mobile (ans)",
  'params.displayMaxAgeYears': "Âge maximal d'un affichage collectif (ans)",
  'params.minRamGb': 'Mémoire vive minimale (Go)',
  'params.terminalsPerGroup': 'Terminaux mobiles par groupe de classes',
  'params.classesPerGroup': 'Classes par groupe',
  'params.minDownloadMbps': 'Débit descendant minimal (Mb/s)',
  'targets.classes': 'Objectif : classes à équiper',
  'targets.newTeachers': 'Objectif : néo-titulaires à équiper',
  unitPriceHt: 'Prix unitaire HT (€)',
  date: 'Date du prix',
  source: 'Source du prix',
};

const schema = v.object({
  params: v.object({
    maxAgeYears: integerIn(1, 30),
    displayMaxAgeYears: integerIn(1, 30),
    minRamGb: decimalIn(1, 256),
    terminalsPerGroup: v.picklist(TERMINALS_PER_GROUP_ALLOWED, 'choisissez 10, 12 ou 15'),
    classesPerGroup: integerIn(1, 30),
    minDownloadMbps: v.nullable(decimalIn(0, 100_000)),
  }),
  prices: v.array(
    v.object({
      item: v.string(),
      label: v.string(),
      unitPriceHt: v.nullable(decimalIn(0, 1_000_000)),
      date: v.nullable(text(20)),
      source: v.nullable(text(200)),
    }),
  ),
  targets: v.object({ classes: integerIn(0, 100_000), newTeachers: integerIn(0, 100_000) }),
});

export function settingLabel(path: string, referential: Pick<Referential, 'prices'>): string {
  const price = /^prices\.(\d+)\.(\w+)$/.exec(path);
  if (price) return `${PARAM_LABELS[price[2] as string] ?? price[2]} – ${referential.prices[Number(price[1])]?.label ?? ''}`;
  return PARAM_LABELS[path] ?? path;
}

export function validateReferentialSettings<T extends Pick<Referential, 'params' | 'prices' | 'targets'>>(input: T): FieldError[] {
  const result = v.safeParse(schema, input);
  if (result.success) return [];
  return result.issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    return { path, message: `${settingLabel(path, input)} : ${issue.message}.` };
  });
}
