import { describe, expect, it } from 'vitest';
import { createCsvParser } from '../../src/directory/csv';
import { createIpsImporter } from '../../src/directory/ips';
import { makeUai } from './fixtures/annuaire-fixture';

function importIps(lines: readonly string[]) {
  const importer = createIpsImporter();
  let first = true;
  const parser = createCsvParser((fields, line) => {
    if (first) importer.header(fields, line);
    else importer.row(fields, line);
    first = false;
  });
  parser.push(lines.join('\r\n'));
  parser.end();
  return importer.finish();
}

const SALON = makeUai('0131002');

describe('IPS import', () => {
  it('reads an IPS written with a decimal comma or a decimal dot', () => {
    const { values } = importIps(['rentree_scolaire;uai;ips', '2021-2022;0130569Y;"72,4"', `2021-2022;${SALON};103.25`]);
    expect(values.get('0130569Y')?.ips).toBe(72.4);
    expect(values.get(SALON)?.ips).toBe(103.25);
  });

  it("keeps each school's latest rentrée whatever the order of the lines", () => {
    const { values } = importIps([
      'rentree_scolaire,uai,ips',
      '2021-2022,0130569Y,"74,1"',
      '2019-2020,0130569Y,"70,0"',
      '2020-2021,0130569Y,"72,5"',
      `2020-2021,${SALON},98.1`,
      `2021-2022,${SALON},99.3`,
    ]);
    expect(values).toEqual(
      new Map([
        ['0130569Y', { ips: 74.1, rentree: '2021-2022' }],
        [SALON, { ips: 99.3, rentree: '2021-2022' }],
      ]),
    );
  });

  it("reads the CSV export's labels as headers", () => {
    const { values } = importIps(["Rentrée scolaire;Académie;UAI;Nom de l'établissement;IPS", '2021-2022;AIX-MARSEILLE;0130541T;Ecole;81,6']);
    expect(values.get('0130541T')).toEqual({ ips: 81.6, rentree: '2021-2022' });
  });

  it('refuses a blank or unreadable IPS with the line and a French reason', () => {
    const { values, report } = importIps(['rentree_scolaire;uai;ips', '2021-2022;0130569Y;', '2021-2022;0130541T;NS']);
    expect(values.size).toBe(0);
    expect(report.refused).toEqual([
      { line: 2, reason: 'IPS absent (UAI 0130569Y)' },
      { line: 3, reason: 'IPS « NS » illisible (UAI 0130541T)' },
    ]);
  });
});
