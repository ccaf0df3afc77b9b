// Import of "Effectifs d'élèves par école" (fr-en-ecoles-effectifs-nb_classes): classes and pupils of each
// school's latest rentrée. Its code_commune_insee column holds the postal code, so only the UAI is used.
import { cell } from './columns';
import type { ColumnSpec } from './columns';
import { createFiguresImporter } from './school-figures';
import type { FiguresImporter, FiguresImportOptions } from './school-figures';
import { readCount } from './values';

export interface SchoolEffectifs {
  classes: number | null;
  pupils: number | null;
}

// API names first; the CSV export with labels as headers ("Numéro de l'école", "Nombre total d'élèves") is a
// plausible variant, accepted too.
const COLUMNS: Record<'uai' | 'rentree' | 'classes' | 'pupils', ColumnSpec> = {
  uai: { label: 'numero_ecole', names: ['numero_ecole', "Numéro de l'école"], required: true },
  rentree: { label: 'rentree_scolaire', names: ['rentree_scolaire'], required: true },
  classes: { label: 'nombre_total_classes', names: ['nombre_total_classes', 'Nombre total de classes'], required: true },
  pupils: { label: 'nombre_total_eleves', names: ['nombre_total_eleves', "Nombre total d'élèves"], required: true },
};

/** A blank figure is unknown (null); a figure that is not a whole number refuses the line. */
function count(text: string, what: string): number | null | string {
  if (text === '') return null;
  return readCount(text) ?? `${what} « ${text} » illisible`;
}

export function createEffectifsImporter(options: FiguresImportOptions = {}): FiguresImporter<SchoolEffectifs> {
  return createFiguresImporter(
    COLUMNS,
    (fields, index) => {
      const classes = count(cell(fields, index.classes), 'Nombre de classes');
      if (typeof classes === 'string') return classes;
      const pupils = count(cell(fields, index.pupils), "Nombre d'élèves");
      if (typeof pupils === 'string') return pupils;
      return { classes, pupils };
    },
    options,
  );
}
