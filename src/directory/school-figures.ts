// The common part of the per-school figure files (effectifs, IPS): one line per school and rentrée, several
// rentrées in one file, in any order. Keeps the latest rentrée of each school and refuses, in French, the
// lines whose UAI, rentrée or figures cannot be read.
import { cell, createColumnGate } from './columns';
import type { ColumnIndex, ColumnSpec, LineIssue } from './columns';
import { checkUai, rentreeYear } from './values';

export interface FiguresImportReport {
  /** Data lines read (the header is not counted). */
  read: number;
  /** Schools with figures. */
  kept: number;
  /** Lines of schools outside `only` (another département's, say): neither kept nor refused. */
  ignored: number;
  refused: LineIssue[];
}

export interface FiguresImportOptions {
  /** Keep only these UAIs (the directory's), so a national file costs no more memory than the département. */
  only?: ReadonlySet<string>;
}

export type WithRentree<V> = V & { rentree: string };

export interface FiguresImporter<V> {
  header(fields: string[], line: number): void;
  row(fields: string[], line: number): void;
  /** `values`: the figures of each school's latest rentrée, by UAI. */
  finish(): { values: Map<string, WithRentree<V>>; report: FiguresImportReport };
}

type BaseKey = 'uai' | 'rentree';

/** `read` gives the figures of a line, or the French reason it is refused. */
export function createFiguresImporter<K extends string, V extends object>(
  specs: Record<K | BaseKey, ColumnSpec>,
  read: (fields: readonly string[], index: ColumnIndex<K | BaseKey>) => V | string,
  options: FiguresImportOptions = {},
): FiguresImporter<V> {
  const report: FiguresImportReport = { read: 0, kept: 0, ignored: 0, refused: [] };
  const figures = new Map<string, WithRentree<V>>();
  const gate = createColumnGate(specs, report.refused);

  function refuse(line: number, reason: string): void {
    report.refused.push({ line, reason });
  }

  return {
    header: gate.header,
    row(fields, line) {
      report.read++;
      const columns = gate.columnsFor(fields, line);
      if (columns === null) return;
      const { uai, problem } = checkUai(cell(fields, columns.index.uai));
      if (options.only && !options.only.has(uai)) return void report.ignored++;
      if (problem !== null) return refuse(line, problem);
      const rentree = cell(fields, columns.index.rentree);
      const year = rentreeYear(rentree);
      if (year === null) return refuse(line, `Rentrée scolaire « ${rentree} » illisible (UAI ${uai})`);
      const values = read(fields, columns.index);
      if (typeof values === 'string') return refuse(line, `${values} (UAI ${uai})`);
      const earlier = figures.get(uai);
      if (earlier === undefined || (rentreeYear(earlier.rentree) as number) < year) figures.set(uai, { ...values, rentree });
    },
    finish() {
      gate.finish();
      report.kept = figures.size;
      return { values: figures, report };
    },
  };
}
