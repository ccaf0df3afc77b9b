import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEMO_SCHOOLS } from '../../src/directory/demo-schools';
import { generateDepartement } from '../../src/directory/generate-departement';
import type { GeneratedDepartement } from '../../src/directory/generate-departement';
import { isValidUai } from '../../src/model/uai';
import { validateFiche } from '../../src/model/validate';
import type { ClassroomFiche, SchoolFiche } from '../../src/model/types';

const NOW = new Date('2027-03-15T10:00:00Z');
const DEFAULT = generateDepartement({ now: NOW });

const classrooms = (d: GeneratedDepartement) => d.fiches.filter((f): f is ClassroomFiche => f.kind === 'classroom');
const schoolFiches = (d: GeneratedDepartement) => d.fiches.filter((f): f is SchoolFiche => f.kind === 'school');
const isMarseille = (code: string) => Number(code) >= 13201 && Number(code) <= 13216;

function invalidFiches(d: GeneratedDepartement, now: Date) {
  return d.fiches.flatMap((fiche) => {
    const result = validateFiche(fiche, { now });
    return result.ok ? [] : [{ id: fiche.id, errors: result.errors }];
  });
}

function communesOf13(): Map<string, string> {
  const path = createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/communes.json');
  const all = JSON.parse(readFileSync(path, 'utf8')) as Array<{ code: string; nom: string; departement?: string; type: string }>;
  const kept = all.filter((c) => c.departement === '13' && (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal'));
  return new Map(kept.map((c) => [c.code, c.nom]));
}

describe('generated département', () => {
  it('holds 1,200 schools, one school fiche each and 9,000 classroom fiches by default', () => {
    expect(DEFAULT.schools).toHaveLength(1200);
    expect(schoolFiches(DEFAULT)).toHaveLength(1200);
    expect(classrooms(DEFAULT)).toHaveLength(9000);
    expect(new Set(schoolFiches(DEFAULT).map((f) => f.uai)).size).toBe(1200);
  });

  it('gives the same data for the same seed and other data for another seed', () => {
    expect(generateDepartement({ now: NOW })).toEqual(DEFAULT);
    expect(generateDepartement({ seed: 13, now: NOW })).toEqual(DEFAULT);
    const other = generateDepartement({ seed: 14, now: NOW });
    expect(other.schools.map((s) => s.uai)).not.toEqual(DEFAULT.schools.map((s) => s.uai));
    expect(other.fiches[0]?.id).not.toBe(DEFAULT.fiches[0]?.id);
  });

  it('honours the asked numbers of schools and classroom fiches', () => {
    const small = generateDepartement({ seed: 7, schools: 25, classrooms: 140, now: NOW });
    expect(small.schools).toHaveLength(25);
    expect(schoolFiches(small)).toHaveLength(25);
    expect(classrooms(small)).toHaveLength(140);
  });

  it('gives every school a unique valid UAI that is not one of the demonstration directory', () => {
    const uais = DEFAULT.schools.map((s) => s.uai);
    expect(uais.filter((uai) => !isValidUai(uai) || !uai.startsWith('013'))).toEqual([]);
    expect(new Set(uais).size).toBe(uais.length);
    const demo = new Set(DEMO_SCHOOLS.map((s) => s.uai));
    expect(uais.filter((uai) => demo.has(uai))).toEqual([]);
    expect(DEFAULT.schools.every((s) => s.source === 'generated')).toBe(true);
  });

  it('gives every fiche its own id', () => {
    const ids = DEFAULT.fiches.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('attaches every classroom fiche to a school of the directory', () => {
    const uais = new Set(DEFAULT.schools.map((s) => s.uai));
    expect(classrooms(DEFAULT).filter((f) => !uais.has(f.uai))).toEqual([]);
  });

  it('labels classes once within each school, and never audits more classes than the school has', () => {
    const labels = new Map<string, string[]>();
    for (const fiche of classrooms(DEFAULT)) labels.set(fiche.uai, [...(labels.get(fiche.uai) ?? []), fiche.data.label]);
    for (const school of DEFAULT.schools) {
      const own = labels.get(school.uai) ?? [];
      expect(new Set(own).size, school.name).toBe(own.length);
      expect(own.length, school.name).toBeLessThanOrEqual(school.classes ?? 0);
    }
  });

  it('places about 40 % of schools in Marseille, in all sixteen arrondissements, on real communes', () => {
    const marseille = DEFAULT.schools.filter((s) => isMarseille(s.communeCode));
    expect(marseille.length / DEFAULT.schools.length).toBeCloseTo(0.4, 2);
    expect(new Set(marseille.map((s) => s.communeCode)).size).toBe(16);
    expect(DEFAULT.schools.every((s) => s.chefDeFile === (isMarseille(s.communeCode) ? 'ville-marseille' : 'cd13'))).toBe(true);
    const communes = communesOf13();
    const wrong = DEFAULT.schools.filter((s) => communes.get(s.communeCode) !== s.commune);
    expect(new Set(wrong.map((s) => `${s.communeCode} ${s.commune}`))).toEqual(new Set());
    const circonscriptions = new Set(DEFAULT.schools.map((s) => s.circonscription));
    expect(circonscriptions.size).toBeGreaterThanOrEqual(35);
    expect(circonscriptions.size).toBeLessThanOrEqual(45);
  });

  it('mixes éducation prioritaire, with lower IPS in REP+', () => {
    const byEp = (ep: string | null) => DEFAULT.schools.filter((s) => s.educationPrioritaire === ep);
    const meanIps = (list: typeof DEFAULT.schools) => list.reduce((sum, s) => sum + (s.ips ?? 0), 0) / list.length;
    expect(byEp('REP+').length).toBeGreaterThan(40);
    expect(byEp('REP').length).toBeGreaterThan(60);
    expect(meanIps(byEp('REP+'))).toBeLessThan(meanIps(byEp(null)) - 20);
  });

  it('varies the equipment found in classrooms, with some answers left unrecorded', () => {
    const data = classrooms(DEFAULT).map((f) => f.data);
    expect(new Set(data.map((d) => d.display.type)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(data.map((d) => d.display.type))).toContain('none');
    expect(new Set(data.map((d) => d.display.condition))).toEqual(new Set(['working', 'degraded', 'broken', 'out_of_service', null]));
    expect(new Set(data.map((d) => d.computer.type))).toEqual(new Set(['desktop', 'laptop', 'none']));
    expect(new Set(data.map((d) => d.computer.storage))).toEqual(new Set(['ssd', 'hdd', null]));
    const ram = data.flatMap((d) => (d.computer.ramGb === null ? [] : [d.computer.ramGb]));
    expect(Math.min(...ram)).toBe(2);
    expect(Math.max(...ram)).toBe(16);
    expect(new Set(data.map((d) => d.network.access))).toEqual(new Set(['wired', 'wifi', 'both', 'none', null]));
    expect(data.some((d) => d.pupils === null)).toBe(true);
    expect(data.some((d) => d.computer.type !== 'none' && d.computer.year === null)).toBe(true);
    expect(DEFAULT.fiches.every((f) => f.deleted === false)).toBe(true);
  });

  it('varies school fiches: statuses, internet access and fleets that never count more working devices than devices', () => {
    const data = schoolFiches(DEFAULT).map((f) => f.data);
    expect(new Set(data.map((d) => d.status))).toEqual(new Set(['draft', 'complete']));
    expect(new Set(data.map((d) => d.internet.access)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(data.map((d) => d.fleets.length))).toEqual(new Set([0, 1, 2, 3]));
    expect(data.flatMap((d) => d.fleets).every((fleet) => fleet.workingCount <= fleet.count)).toBe(true);
    expect(data.some((d) => d.trainingNeeds.length > 0)).toBe(true);
  });

  it('dates visits within the campaign and no change after now', () => {
    for (const fiche of DEFAULT.fiches) {
      expect(fiche.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(fiche.updatedAt)).toBeLessThanOrEqual(NOW.getTime());
      if (fiche.kind === 'school' && fiche.data.visitDate !== null) {
        expect(fiche.data.visitDate >= '2026-09-01' && fiche.data.visitDate <= '2027-03-15').toBe(true);
      }
    }
  });

  it('makes only fiches that the record validation accepts', () => {
    expect(invalidFiches(DEFAULT, NOW)).toEqual([]);
  });

  it('stays valid at the very start of a campaign and before it begins', () => {
    const early = new Date('2026-09-02T08:00:00Z');
    const before = new Date('2026-06-15T08:00:00Z');
    expect(invalidFiches(generateDepartement({ schools: 60, classrooms: 400, now: early }), early)).toEqual([]);
    const notStarted = generateDepartement({ schools: 60, classrooms: 400, now: before });
    expect(invalidFiches(notStarted, before)).toEqual([]);
    expect(schoolFiches(notStarted).every((f) => f.data.visitDate === null && f.data.status === 'draft')).toBe(true);
  });

  it('adds uniquely labelled rooms when asked for more classroom fiches than classes', () => {
    const crowded = generateDepartement({ schools: 2, classrooms: 80, now: NOW });
    const labels = classrooms(crowded).map((f) => `${f.uai} ${f.data.label}`);
    expect(labels).toHaveLength(80);
    expect(new Set(labels).size).toBe(80);
    expect(invalidFiches(crowded, NOW)).toEqual([]);
  });
});
