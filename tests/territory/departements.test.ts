// The départements' names are data copied from the INSEE's code officiel géographique (via
// @etalab/decoupage-administratif): this checks the copy against its source, so that no name or article is invented.
// To write the table again: every département of metropolitan France and the DROM (not the COM), with its name, and
// its name after "de" from its TNCC (type de nom): 0 "de ", 1 "d'", 2 "du ", 3 "de la ", 4 "des ", 5 "de l'".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import table from '../../src/territory/config/departements.json';

interface EtalabDepartement {
  code: string;
  nom: string;
  typeLiaison: number;
  zone: string;
}

const ARTICLES = ['de ', "d'", 'du ', 'de la ', 'des ', "de l'"];

function etalab(): Array<{ code: string; name: string; nameWithArticle: string }> {
  const path = createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/departements.json');
  const all = JSON.parse(readFileSync(path, 'utf8')) as EtalabDepartement[];
  return all.filter((d) => d.zone !== 'com').map((d) => ({ code: d.code, name: d.nom, nameWithArticle: `${ARTICLES[d.typeLiaison]}${d.nom}` }));
}

describe('the départements’ names', () => {
  it('hold the 101 départements with the INSEE’s names and articles, and nothing else', () => {
    expect(table.departements).toEqual(etalab());
    expect(table.departements).toHaveLength(101);
  });

  it('write the articles as the Département would', () => {
    const named = new Map(table.departements.map((d) => [d.code, d.nameWithArticle]));
    expect(['02', '18', '86', '88', '94', '974'].map((code) => named.get(code))).toEqual([
      "de l'Aisne", 'du Cher', 'de la Vienne', 'des Vosges', 'du Val-de-Marne', 'de La Réunion',
    ]);
  });
});
