// Import of "IPS écoles" (fr-en-ips-ecoles-ap2022): the indice de position sociale of each school's latest
// rentrée ("2021-2022"), published as text with a decimal comma or dot.
import { cell } from './columns';
import type { ColumnSpec } from './columns';
import { createFiguresImporter } from './school-figures';
import type { FiguresImporter, FiguresImportOptions } from './school-figures';
import { readDecimal } from './values';

export interface SchoolIps {
  ips: number;
}

// The CSV export with labels as headers ("UAI", "Rentrée scolaire", "IPS") reads the same after headerKey.
const COLUMNS: Record<'uai' | 'rentree' | 'ips', ColumnSpec> = {
  uai: { label: 'uai', names: ['uai'], required: true },
  rentree: { label: 'rentree_scolaire', names: ['rentree_scolaire'], required: true },
  ips: { label: 'ips', names: ['ips'], required: true },
};

export function createIpsImporter(options: FiguresImportOptions = {}): FiguresImporter<SchoolIps> {
  return createFiguresImporter(
    COLUMNS,
    (fields, index) => {
      const text = cell(fields, index.ips);
      const ips = readDecimal(text);
      if (ips === null) return text === '' ? 'IPS absent' : `IPS « ${text} » illisible`;
      return { ips };
    },
    options,
  );
}
