import { describe, expect, it } from 'vitest';
import { createAnnuaireImporter } from '../../src/directory/annuaire';
import { createCsvImport } from '../../src/directory/csv-import';
import { ANNUAIRE_ROWS, chunksOf, cp1252, renderAnnuaire, utf8, utf8WithBom } from './fixtures/annuaire-fixture';

function importBytes(bytes: Uint8Array, chunkSize = bytes.length) {
  const importer = createAnnuaireImporter();
  const file = createCsvImport(importer);
  for (const chunk of chunksOf(bytes, chunkSize)) file.push(chunk);
  file.end();
  return { ...importer.finish(), encoding: file.encoding, separator: file.separator };
}

const TEXT = renderAnnuaire(ANNUAIRE_ROWS, 'csv', ';');
const API_TEXT = renderAnnuaire(ANNUAIRE_ROWS, 'api', ',');

describe('annuaire file import', () => {
  it('reads a Windows-1252 file with its accents, to the same result as UTF-8', () => {
    const fromCp1252 = importBytes(cp1252(TEXT));
    const fromUtf8 = importBytes(utf8(TEXT));
    expect(fromCp1252.encoding).toBe('windows-1252');
    expect(fromUtf8.encoding).toBe('utf-8');
    expect(fromCp1252.schools.map((s) => s.commune)).toContain('Châteauneuf-les-Martigues');
    expect(fromCp1252.schools).toEqual(fromUtf8.schools);
    expect(fromCp1252.report).toEqual(fromUtf8.report);
  });

  it('reads a file starting with a UTF-8 byte order mark', () => {
    const result = importBytes(utf8WithBom(TEXT));
    expect(result.encoding).toBe('utf-8');
    expect(result.report.refused.map((r) => r.line)).toEqual([6, 14]);
    expect(result.schools).toEqual(importBytes(utf8(TEXT)).schools);
  });

  it('hands the first record over as the header, without the byte order mark, and the others as rows', () => {
    const seen: Array<[string, number, string]> = [];
    const file = createCsvImport({
      header: (fields, line) => seen.push(['header', line, fields[0] ?? '']),
      row: (fields, line) => seen.push(['row', line, fields[0] ?? '']),
    });
    file.push(utf8WithBom('uai;nom\n0130569Y;Ecole\n'));
    file.end();
    expect(seen).toEqual([
      ['header', 1, 'uai'],
      ['row', 2, '0130569Y'],
    ]);
  });

  it('reports the separator it found', () => {
    expect(importBytes(utf8(TEXT)).separator).toBe(';');
    expect(importBytes(utf8(API_TEXT)).separator).toBe(',');
  });

  it.each([1, 7, 4096])('gives the same schools and report for chunks of %i bytes', (size) => {
    for (const bytes of [utf8(TEXT), utf8WithBom(TEXT), cp1252(TEXT), cp1252(API_TEXT)]) {
      const whole = importBytes(bytes);
      expect(importBytes(bytes, size)).toEqual(whole);
      expect(whole.report.kept).toBe(5);
    }
  });
});
