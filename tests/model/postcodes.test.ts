// The postcode tables are data copied from La Poste's base officielle (via @etalab/decoupage-administratif): this
// checks the copy against its source, so that no postcode is invented or left behind. To write the table again:
// the `codesPostaux` of every commune and arrondissement of the département, by INSEE code, sorted.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isKnownPostcode, postcodesOf } from '../../src/model/postcodes';
import table from '../../src/model/postcodes/13.json';

interface EtalabCommune {
  code: string;
  departement?: string;
  type: string;
  codesPostaux?: string[];
}

function etalab13(): Record<string, string[]> {
  const path = createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/communes.json');
  const all = JSON.parse(readFileSync(path, 'utf8')) as EtalabCommune[];
  const kept = all.filter((c) => c.departement === '13' && (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal'));
  return Object.fromEntries(kept.map((c) => [c.code, [...(c.codesPostaux ?? [])].sort()]));
}

describe('postcodes of the Bouches-du-Rhône', () => {
  it('hold every commune and arrondissement of the département with La Poste’s postcodes, and nothing else', () => {
    expect(table.communes).toEqual(etalab13());
    expect(Object.keys(table.communes)).toHaveLength(119 + 16);
  });

  it('give Marseille’s arrondissements 13201 to 13216 the postcodes 13001 to 13016', () => {
    for (let n = 1; n <= 16; n += 1) expect(postcodesOf(String(13200 + n))).toEqual([String(13000 + n)]);
  });

  it('give a commune all its postcodes, and a commune of a département without a table none', () => {
    expect(postcodesOf('13001')).toEqual(['13080', '13090', '13100', '13290', '13540']);
    expect(postcodesOf('75056')).toEqual([]);
    expect(isKnownPostcode('13005')).toBe(true);
    expect(isKnownPostcode('13209')).toBe(false);
  });
});
