// Reading the open-data files (annuaire, and optionally effectifs and IPS) as streams: bytes are decoded and parsed
// chunk by chunk, so memory does not grow with the file. Runs in the import worker, and in Node for the server's CLI.
import { createDecoder } from './decode';
import { createCsvParser } from './csv';
import { createAnnuaireImporter, type DirectoryImportReport } from './annuaire';
import { createEffectifsImporter } from './effectifs';
import { createIpsImporter } from './ips';
import { withFigures } from './apply-figures';
import type { DirectorySchool } from '../model/school';
import type { Territory } from '../territory/territory';

export interface DirectoryFiles {
  annuaire: Blob;
  effectifs?: Blob;
  ips?: Blob;
}

export interface DirectoryImportOptions {
  departement?: string;
  includeMaternelles?: boolean;
  /** Who pays for which school (AnnuaireImportOptions.territory). */
  territory?: Territory;
}

export type Progress = (bytesRead: number, bytesTotal: number) => void;

interface RowSink {
  header(fields: string[], line: number): void;
  row(fields: string[], line: number): void;
}

async function readCsv(blob: Blob, sink: RowSink, onBytes: (n: number) => void): Promise<string> {
  const decoder = createDecoder();
  let first = true;
  const parser = createCsvParser((fields, line) => {
    if (first) {
      first = false;
      sink.header(fields, line);
    } else sink.row(fields, line);
  });
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.push(value));
    onBytes(value.byteLength);
  }
  parser.push(decoder.end());
  parser.end();
  return decoder.encoding;
}

export interface DirectoryImport {
  schools: DirectorySchool[];
  report: DirectoryImportReport;
  effectifsRefused: Array<{ line: number; reason: string }>;
  ipsRefused: Array<{ line: number; reason: string }>;
}

export async function importDirectoryFiles(files: DirectoryFiles, options: DirectoryImportOptions = {}, onProgress?: Progress): Promise<DirectoryImport> {
  const total = files.annuaire.size + (files.effectifs?.size ?? 0) + (files.ips?.size ?? 0);
  let read = 0;
  const count = (n: number) => {
    read += n;
    onProgress?.(read, total);
  };
  const annuaire = createAnnuaireImporter({ ...options, source: 'annuaire' });
  await readCsv(files.annuaire, annuaire, count);
  const { schools, report } = annuaire.finish();
  // National files: only the figures of the schools kept are stored.
  const only = new Set(schools.map((s) => s.uai));
  const effectifs = createEffectifsImporter({ only });
  if (files.effectifs) await readCsv(files.effectifs, effectifs, count);
  const ips = createIpsImporter({ only });
  if (files.ips) await readCsv(files.ips, ips, count);
  const figures = effectifs.finish();
  const indices = ips.finish();
  return {
    schools: withFigures(schools, figures.values, indices.values),
    report,
    effectifsRefused: files.effectifs ? figures.report.refused : [],
    ipsRefused: files.ips ? indices.report.refused : [],
  };
}
