// One sheet as CSV for French Excel (export.md): UTF-8 with a byte-order mark, `;`, CRLF, decimal comma, dates
// JJ/MM/AAAA, quotes doubled, and text a spreadsheet would run as a formula prefixed with `'`. Read back with an
// RFC 4180 reader of the tests' own.
import { describe, expect, it } from 'vitest';
import { sheetToCsv } from '../../src/export/csv';
import { CSV_MIME, runExport } from '../../src/export/run-export';
import { euros, integer, text, type Cell, type Column, type Sheet } from '../../src/export/sheet';
import { buildWorkbook } from '../../src/export/workbook';
import { CAMPAIGN, fixtureInput, TRICKY_TEXTS } from './fixture';
import { csvValues, readCsv } from './support/csv-reader';
import { EMPTY_SHEET, NUMBERS_SHEET, TEXTS_SHEET } from './support/writer-cases';

const BOM = '\uFEFF';

/** A cell as export.md shows it in CSV, once its record is read: text (prefixed when it looks like a formula),
 * a number with a decimal comma (money with its cents), a date JJ/MM/AAAA (and HH:mm), or nothing. */
function expectedField(cell: Cell, column: Column): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return (column.kind === 'money' ? cell.toFixed(2) : String(Number(cell.toPrecision(15)))).replace('.', ',');
  if (typeof cell === 'object') {
    const [day, time] = cell.date.split('T') as [string, string | undefined];
    const [y, m, d] = day.split('-');
    return `${d}/${m}/${y}${time ? ` ${time}` : ''}`;
  }
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The CSV's records, read back; the BOM and the final CRLF checked on the way. */
function recordsOf(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csvValues(readCsv(csv.slice(BOM.length), { separator: ';', lineEnd: '\r\n' }));
}

/** Every cell of `sheet` reads back from its CSV as export.md shows it, one record per row plus the header. */
function expectRoundTrip(sheet: Sheet): void {
  const records = recordsOf(sheetToCsv(sheet));
  expect(records, sheet.name).toHaveLength(sheet.rows.length + 1);
  expect(records[0], `${sheet.name} header`).toEqual(sheet.columns.map((c) => expectedField(c.header, text(c.header))));
  sheet.rows.forEach((row, r) => {
    expect(records[r + 1], `${sheet.name} row ${r + 2}`).toEqual(row.map((cell, c) => expectedField(cell, sheet.columns[c] as Column)));
  });
}

function sheetOf(slug: Parameters<typeof buildWorkbook>[1]): Sheet {
  return buildWorkbook(fixtureInput(), slug)[0] as Sheet;
}

/** The field in column `header` of the first record whose `keyHeader` is `key`. */
function field(sheet: Sheet, keyHeader: string, key: string, header: string): string {
  const [head, ...rows] = recordsOf(sheetToCsv(sheet));
  const keyIndex = (head as string[]).indexOf(keyHeader);
  const index = (head as string[]).indexOf(header);
  const row = rows.find((r) => r[keyIndex] === key);
  if (keyIndex < 0 || index < 0 || !row) throw new Error(`no ${header} for ${keyHeader} = ${key} in ${sheet.name}`);
  return row[index] as string;
}

function csvOf(rows: Cell[][], columns: Column[] = [text('Texte')]): string {
  return sheetToCsv({ slug: 'synthese', name: 'Essai', columns, rows });
}

describe('sheetToCsv on the fixture', () => {
  const sheets = buildWorkbook(fixtureInput());

  it('starts with the UTF-8 byte-order mark and ends every line with CRLF', () => {
    for (const sheet of sheets) {
      const csv = sheetToCsv(sheet);
      expect(csv.startsWith(BOM), sheet.name).toBe(true);
      expect(csv.slice(1).includes(BOM), sheet.name).toBe(false);
      expect(csv.endsWith('\r\n'), sheet.name).toBe(true);
      expect(csv, `${sheet.name}: a lone LF`).not.toMatch(/(?<!\r)\n/);
      expect(csv, `${sheet.name}: a lone CR`).not.toMatch(/\r(?!\n)/);
    }
  });

  it('separates fields with semicolons', () => {
    const besoins = sheetToCsv(sheetOf('besoins'));
    expect(besoins.split('\r\n')[0]).toBe(`${BOM}UAI;École;Circonscription;Chef de file;Classe;Règle;Article;Quantité;Prix unitaire HT (€);Montant HT (€);Motif`);
    expect(besoins.split('\r\n')[1]).toBe(
      '0130569Y;École élémentaire François Moisson;Marseille 02 – Joliette;Ville de Marseille;;E01;Terminal mobile (tablette ou portable);5;;;' +
        'Terminaux mobiles – 15 terminaux comptés sur 20 requis (8 classes)',
    );
  });

  it('reads back, every sheet cell for cell, one record per row plus the header', () => {
    expect(sheets.map((s) => s.name)).toEqual(['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel']);
    for (const sheet of sheets) expectRoundTrip(sheet);
  });

  it('writes numbers with a decimal comma, money with its cents, the State share to the euro, and no thousands separator', () => {
    const [ecoles, classes, besoins, synthese] = [sheetOf('ecoles'), sheetOf('classes'), sheetOf('besoins'), sheetOf('synthese')];
    expect(field(classes, 'Classe', 'CP A', 'RAM (Go)')).toBe('4,5');
    expect(field(classes, 'Classe', 'CM1 B', 'RAM (Go)')).toBe('16');
    expect(field(classes, 'Classe', 'CM1 B', 'Élèves')).toBe('24');
    expect(field(ecoles, 'UAI', '0131234W', 'IPS')).toBe('112,4');
    expect(field(ecoles, 'UAI', '0130569Y', 'Débit descendant (Mb/s)')).toBe('300,5');
    expect(field(ecoles, 'UAI', '0130569Y', 'Besoin estimé HT (€)')).toBe('6400,00');
    expect(field(ecoles, 'UAI', '0131234W', 'Besoin estimé HT (€)')).toBe('0,00');
    expect(field(besoins, 'Classe', 'CP A', 'Prix unitaire HT (€)')).toBe('2700,00');
    expect(field(besoins, 'Classe', 'CP A', 'Montant HT (€)')).toBe('2700,00');
    expect(field(synthese, 'Chef de file', 'Total département', 'Besoin estimé HT (€)')).toBe('16000,00');
    expect(field(synthese, 'Chef de file', 'Total département', 'Part État estimée (€)')).toBe('11200');
    expect(field(sheetOf('referentiel'), 'Libellé', "Part de l'État sous le seuil", 'Valeur')).toBe('70');
    expect(field(sheetOf('referentiel'), 'Libellé', "Part de l'État sous le seuil", 'Unité')).toBe('%');
    expect(csvOf([[1234], [0]], [euros('Part État estimée (€)')])).toBe(`${BOM}Part État estimée (€)\r\n1234\r\n0\r\n`);
  });

  it('writes dates JJ/MM/AAAA and times at the Paris wall clock', () => {
    expect(field(sheetOf('ecoles'), 'UAI', '0130569Y', 'Date de visite')).toBe('12/10/2026');
    expect(field(sheetOf('ecoles'), 'UAI', '0130001F', 'Date de visite')).toBe('03/11/2026');
    // Updated 2026-10-12T09:05Z: 11:05 in Paris.
    expect(field(sheetOf('classes'), 'Classe', 'CM1 B', 'Modifié le')).toBe('12/10/2026 11:05');
    expect(field(sheetOf('referentiel'), 'Libellé', "Date et heure de l'export", 'Valeur')).toBe('28/11/2026 18:38');
  });

  it('prefixes with an apostrophe the text a spreadsheet would run as a formula', () => {
    const ecoles = sheetToCsv(sheetOf('ecoles'));
    expect(ecoles).toContain(`;"'=HYPERLINK(""http://x"")";`);
    expect(ecoles).toContain(`;'${TRICKY_TEXTS[2]};`);
    expect(ecoles).toContain(`;'${TRICKY_TEXTS[1]};`);
    expect(field(sheetOf('ecoles'), 'UAI', '0130569Y', 'Besoins exprimés')).toBe(`'${TRICKY_TEXTS[0]}`);
    expect(sheetToCsv(sheetOf('classes'))).toContain(";'-1+2;");
    expect(field(sheetOf('classes'), 'UAI', '0130001F', 'Classe')).toBe("'-1+2");
    expect(sheetToCsv(sheetOf('besoins')).match(/;'-1\+2;/g)).toHaveLength(3);
  });

  it('keeps accents through UTF-8, in the bytes runExport gives', () => {
    const file = runExport(fixtureInput(), 'csv', 'classes');
    expect(file.fileName).toBe(`tne13-etat-des-lieux-${CAMPAIGN}-20261128-1838-classes.csv`);
    expect(file.mime).toBe(CSV_MIME);
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = sheetToCsv(sheetOf('classes'));
    const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(file.bytes);
    expect(decoded).toBe(csv);
    expect(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(new TextEncoder().encode(csv))).toBe(csv);
    expect(decoded).toContain('Éloïse Nguyễn-Çelik');
    expect(decoded).toContain('Modifié le');
    expect(new TextDecoder().decode(runExport(fixtureInput(), 'csv', 'referentiel').bytes)).toContain('Rubrique;Code;Libellé');
  });

  it('exports Synthèse when no sheet is named', () => {
    const file = runExport(fixtureInput(), 'csv', undefined);
    expect(file.fileName).toBe(`tne13-etat-des-lieux-${CAMPAIGN}-20261128-1838-synthese.csv`);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes)).toBe(sheetToCsv(sheetOf('synthese')));
  });
});

describe('sheetToCsv on hand-made sheets', () => {
  it('prefixes every formula-like text, quoting only what needs quotes', () => {
    expect(csvOf(TRICKY_TEXTS.map((t) => [t]))).toBe(
      `${BOM}Texte\r\n"'=HYPERLINK(""http://x"")"\r\n'+33 6 12 34 56 78\r\n'@SUM(A1)\r\n'-1+2\r\n`,
    );
  });

  it('prefixes text that begins with a tab or a carriage return', () => {
    expect(csvOf([['\tavec tabulation'], ['\ravec retour']])).toBe(`${BOM}Texte\r\n'\tavec tabulation\r\n"'\ravec retour"\r\n`);
  });

  it('does not prefix a negative number, nor text with a sign further in', () => {
    expect(csvOf([[-3, 'a = b', 'x-1'], [-0.5, 'Total + TVA', 'a@b.fr']], [integer('N'), text('A'), text('B')])).toBe(
      `${BOM}N;A;B\r\n-3;a = b;x-1\r\n-0,5;Total + TVA;a@b.fr\r\n`,
    );
  });

  it('quotes a field holding a semicolon, a quote, a CR or a LF, and doubles its quotes', () => {
    expect(csvOf([['a;b'], ['dit "bonjour"'], ['ligne 1\nligne 2'], ['ligne 1\r\nligne 2'], ['"']])).toBe(
      `${BOM}Texte\r\n"a;b"\r\n"dit ""bonjour"""\r\n"ligne 1\nligne 2"\r\n"ligne 1\r\nligne 2"\r\n""""\r\n`,
    );
  });

  it('writes every kind of number and date as French Excel reads them', () => {
    expect(sheetToCsv(NUMBERS_SHEET)).toBe(
      `${BOM}Entier;Décimal;Montant (€);Jour;Heure;Texte\r\n` +
        '-3;-4,25;-1234,50;29/02/2024;29/03/2026 03:05;négatifs\r\n' +
        '1234567;0,3;1234567,89;31/12/1999;31/12/2026 23:59;grands\r\n' +
        '0;4,5;0,05;;;\r\n' +
        ';;;;;vide\r\n',
    );
  });

  it('writes a row under the table by its own kinds (a count, an amount, a share to the euro in one column)', () => {
    const sheet: Sheet = {
      slug: 'synthese', name: 'Totaux', columns: [text('Libellé'), euros('Montant (€)')],
      rows: [['Ligne', 1234.4], [null, null], ['Écoles', 3], ['Total HT', 1234.5]],
      tableRows: 1,
      rowKinds: new Map([[2, ['text', 'integer']], [3, ['text', 'money']]]),
    };
    expect(sheetToCsv(sheet)).toBe(`${BOM}Libellé;Montant (€)\r\nLigne;1234\r\n;\r\nÉcoles;3\r\nTotal HT;1234,50\r\n`);
  });

  it('writes a sheet with no row as its header line', () => {
    expect(sheetToCsv(EMPTY_SHEET)).toBe(`${BOM}Colonne A;Colonne B\r\n`);
  });

  it('reads every hand-made sheet back, cell for cell', () => {
    for (const sheet of [TEXTS_SHEET, NUMBERS_SHEET, EMPTY_SHEET]) expectRoundTrip(sheet);
    // The long text is not cut in CSV: there is no cell limit to respect.
    const records = recordsOf(sheetToCsv(TEXTS_SHEET));
    expect(records.find((r) => r[0] === 'long text')?.[1]).toHaveLength(40_000);
  });
});
