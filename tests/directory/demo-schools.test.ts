import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEMO_DIRECTORY_LABEL, DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { isValidUai } from '../../src/model/uai';

interface EtalabCommune {
  code: string;
  nom: string;
  departement?: string;
  type: string;
}

/** Current communes and Marseille's arrondissements of the Bouches-du-Rhône, by INSEE code. */
function communesOf13(): Map<string, string> {
  const path = createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/communes.json');
  const all = JSON.parse(readFileSync(path, 'utf8')) as EtalabCommune[];
  const kept = all.filter((c) => c.departement === '13' && (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal'));
  return new Map(kept.map((c) => [c.code, c.nom]));
}

const isMarseille = (code: string) => Number(code) >= 13201 && Number(code) <= 13216;

describe('demonstration directory', () => {
  it('is labelled as demonstration data and holds about forty schools', () => {
    expect(DEMO_DIRECTORY_LABEL).toBe('données de démonstration');
    expect(DEMO_SCHOOLS.length).toBeGreaterThanOrEqual(35);
    expect(DEMO_SCHOOLS.length).toBeLessThanOrEqual(45);
    expect(DEMO_SCHOOLS.every((school) => school.source === 'demo')).toBe(true);
  });

  it('gives every school a valid UAI of the Bouches-du-Rhône, each once', () => {
    const uais = DEMO_SCHOOLS.map((school) => school.uai);
    expect(uais.filter((uai) => !isValidUai(uai) || !uai.startsWith('013'))).toEqual([]);
    expect(new Set(uais).size).toBe(uais.length);
  });

  it('names every school once', () => {
    const names = DEMO_SCHOOLS.map((school) => `${school.communeCode} ${school.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('places schools in real communes of the département, with their INSEE codes and names', () => {
    const communes = communesOf13();
    const wrong = DEMO_SCHOOLS.filter((school) => communes.get(school.communeCode) !== school.commune);
    expect(wrong.map((school) => `${school.communeCode} ${school.commune}`)).toEqual([]);
  });

  it('puts about fifteen schools in Marseille and the others across the département', () => {
    const inMarseille = DEMO_SCHOOLS.filter((school) => isMarseille(school.communeCode));
    expect(inMarseille.length).toBeGreaterThanOrEqual(13);
    expect(inMarseille.length).toBeLessThanOrEqual(18);
    const elsewhere = new Set(DEMO_SCHOOLS.filter((s) => !isMarseille(s.communeCode)).map((s) => s.communeCode));
    expect(elsewhere.size).toBeGreaterThanOrEqual(15);
  });

  it('gives Ville de Marseille as chef de file exactly to the schools of Marseille', () => {
    for (const school of DEMO_SCHOOLS) {
      expect(school.chefDeFile, school.name).toBe(isMarseille(school.communeCode) ? 'ville-marseille' : 'cd13');
    }
  });

  it('has one École élémentaire Sainte-Marguerite, in Marseille 9e', () => {
    const found = DEMO_SCHOOLS.filter((school) => school.name === 'École élémentaire Sainte-Marguerite');
    expect(found).toHaveLength(1);
    expect(found[0]?.commune).toBe('Marseille 9e Arrondissement');
  });

  it('shares circonscriptions between schools', () => {
    const circonscriptions = new Set(DEMO_SCHOOLS.map((school) => school.circonscription));
    expect(circonscriptions.size).toBeLessThan(DEMO_SCHOOLS.length * 0.75);
  });

  it('keeps classes, pupils and IPS plausible, with lower IPS in éducation prioritaire', () => {
    for (const school of DEMO_SCHOOLS) {
      const { classes, pupils, ips } = school;
      expect(school.open && school.elementaire, school.name).toBe(true);
      expect(classes, school.name).toBeGreaterThanOrEqual(4);
      expect(classes, school.name).toBeLessThanOrEqual(18);
      expect((pupils ?? 0) / (classes ?? 1), school.name).toBeGreaterThanOrEqual(20);
      expect((pupils ?? 0) / (classes ?? 1), school.name).toBeLessThanOrEqual(28);
      expect(ips, school.name).toBeGreaterThanOrEqual(70);
      expect(ips, school.name).toBeLessThanOrEqual(130);
    }
    const mean = (list: typeof DEMO_SCHOOLS) => list.reduce((sum, s) => sum + (s.ips ?? 0), 0) / list.length;
    const repPlus = DEMO_SCHOOLS.filter((s) => s.educationPrioritaire === 'REP+');
    const outside = DEMO_SCHOOLS.filter((s) => s.educationPrioritaire === null);
    expect(repPlus.length).toBeGreaterThan(0);
    expect(mean(repPlus)).toBeLessThan(mean(outside) - 15);
  });

  it('mixes REP+, REP and schools outside éducation prioritaire, and a few primaires', () => {
    const kinds = new Set(DEMO_SCHOOLS.map((school) => school.educationPrioritaire));
    expect(kinds).toEqual(new Set(['REP+', 'REP', null]));
    expect(DEMO_SCHOOLS.some((school) => school.maternelle)).toBe(true);
  });
});
