// Finding the columns of an imported file by name, whatever the style of its header: the CSV export's
// labels ("Identifiant_de_l_etablissement", "Numéro de l'école") or the API's names ("numero_ecole").

/** A line of an imported file that was not taken, and why (in French). */
export interface LineIssue {
  line: number;
  reason: string;
}

export interface ColumnSpec {
  /** The name shown to the user when the column is missing. */
  label: string;
  /** Accepted names, compared after `headerKey`. */
  names: readonly string[];
  required: boolean;
}

export type ColumnIndex<K extends string> = Record<K, number>;

/** Lower case, without accents, every run of other characters as one '_': "Nombre d'élèves" → "nombre_d_eleves". */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface ResolvedColumns<K extends string> {
  index: ColumnIndex<K>;
  /** One French issue per missing required column. */
  missing: LineIssue[];
  /** Fields a line needs to reach every column found. */
  width: number;
  headerLength: number;
}

/** Where each column is (-1 when absent). */
export function resolveColumns<K extends string>(
  header: readonly string[],
  specs: Record<K, ColumnSpec>,
  line: number,
): ResolvedColumns<K> {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = headerKey(name);
    if (!positions.has(key)) positions.set(key, i);
  });
  const index = {} as ColumnIndex<K>;
  const missing: LineIssue[] = [];
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    const found = spec.names.map((name) => positions.get(headerKey(name))).find((i) => i !== undefined);
    index[key] = found ?? -1;
    if (found === undefined && spec.required) {
      missing.push({ line, reason: `Colonne obligatoire absente : « ${spec.label} »` });
    }
  }
  const width = Math.max(0, ...Object.values<number>(index)) + 1;
  return { index, missing, width, headerLength: header.length };
}

/** The trimmed value of a column, '' when the column or the field is absent. */
export function cell(fields: readonly string[], index: number): string {
  return index < 0 ? '' : (fields[index] ?? '').trim();
}

/** A French issue when a line is too short to reach every column (often a broken quote), else null. */
export function shortLineIssue(fields: readonly string[], columns: ResolvedColumns<string>, line: number): LineIssue | null {
  if (fields.length >= columns.width) return null;
  return { line, reason: `Ligne incomplète : ${fields.length} champ(s) au lieu de ${columns.headerLength}` };
}

/**
 * The header of one CSV import and the first check of each line, shared by every importer: a missing column refuses
 * the file (reported once, at line 1), a short line is refused, an empty file says so.
 */
export function createColumnGate<K extends string>(specs: Record<K, ColumnSpec>, refused: LineIssue[]) {
  let columns: ResolvedColumns<K> | null = null;
  let headerSeen = false;
  return {
    header(fields: readonly string[], line: number): void {
      headerSeen = true;
      const resolved = resolveColumns(fields, specs, line);
      refused.push(...resolved.missing);
      columns = resolved.missing.length === 0 ? resolved : null;
    },
    /** The columns to read this line with; null when the header was refused or the line is short (then reported). */
    columnsFor(fields: readonly string[], line: number): ResolvedColumns<K> | null {
      if (columns === null) return null;
      const short = shortLineIssue(fields, columns, line);
      if (short) {
        refused.push(short);
        return null;
      }
      return columns;
    },
    finish(): void {
      if (!headerSeen && refused.length === 0) refused.push({ line: 1, reason: "Fichier vide : aucune ligne d'en-tête" });
    },
  };
}
