// Écoles, what contract v2 added: the network, fleets, peripherals and remarks of the school fiche, the status in
// the app's words, the classrooms audited, and the priority in the département (pilotage.md).
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/export/workbook';
import { fixtureInput, OUTSIDE_UAI } from './fixture';
import { recordWhere, records, sheetNamed } from './support/records';

const sheets = buildWorkbook(fixtureInput());
const rows = records(sheetNamed(sheets, 'Écoles'));
const school = (uai: string) => recordWhere(rows, 'UAI', uai);

describe('Écoles (v2 columns)', () => {
  it('shows the upload speed, the Wi-Fi access points and coverage, the peripherals, resources and remarks', () => {
    expect(school('0130569Y')).toMatchObject({
      'Débit montant (Mb/s)': 100, "Points d'accès Wi-Fi": 4, 'Couverture Wi-Fi': 'Toutes les classes',
      'Imprimante-scanner': 'Oui', 'Appareil photo': 'Oui', Robots: 6, Ressources: 'Oui',
      Remarques: 'Salle informatique fermée depuis 2024',
    });
    expect(school('0130001F')).toMatchObject({ 'Couverture Wi-Fi': 'Une partie', 'Imprimante-scanner': null, Robots: null, Remarques: null });
  });

  it('describes every fleet in one cell: devices, working ones, year, charging and MDM', () => {
    expect(school('0130569Y').Flottes).toBe(
      '16 tablettes (15 fonctionnelles, 2024, chariot, MDM) ; 2 portables (0 fonctionnel, 2022, valise, MDM)',
    );
    expect(school('0130001F').Flottes).toBeNull();
  });

  it('counts 0 photos for a school fiche without any, and leaves Photos empty without a school fiche', () => {
    expect(rows.map((r) => [r.UAI, r.Photos])).toEqual([
      ['0130569Y', 0], ['0131234W', null], ['0130001F', 0], ['0130002G', null], [OUTSIDE_UAI, 0], ['0130003H', null],
    ]);
  });

  it("writes the status in the app's words, and a school with classrooms but no school fiche is \"En cours\"", () => {
    expect(rows.map((r) => [r.UAI, r.Statut])).toEqual([
      ['0130569Y', 'Terminé'],
      ['0131234W', 'À auditer'],
      ['0130001F', 'Brouillon'],
      ['0130002G', 'En cours'],
      [OUTSIDE_UAI, 'hors annuaire'],
      ['0130003H', 'hors annuaire'],
    ]);
    const arles = recordWhere(records(sheetNamed(sheets, 'Synthèse')), 'Circonscription', 'Arles');
    expect(arles['Écoles auditées']).toBe(0);
  });

  it('counts as audited only the classrooms with something of their equipment recorded', () => {
    // Arles has one classroom fiche, created and left untouched.
    expect(school('0130002G')).toMatchObject({ 'Classes auditées': 0, 'Classes au socle': 0 });
    expect(school('0130569Y')['Classes auditées']).toBe(3);
  });

  it('ranks the schools to equip first with their priority score, and leaves the others without one', () => {
    // REP+ 40, IPS 80 → 15, 2 classes of 3 off the socle → 20, E01 failing → 2.
    expect(school('0130569Y')).toMatchObject({ Priorité: 1, 'Score de priorité': 77 });
    // REP 25, IPS 95.1 → 7.45, 1 class of 1 → 30, E01, E03 and E05 failing → 6.
    expect(school('0130001F')).toMatchObject({ Priorité: 2, 'Score de priorité': 68.5 });
    for (const uai of ['0131234W', '0130002G', OUTSIDE_UAI, '0130003H']) {
      expect(school(uai), uai).toMatchObject({ Priorité: null, 'Score de priorité': null });
    }
  });
});
