// A small département for export tests: schools of both chefs de file, a closed school and one out of the
// directory that have fiches, classrooms with the same label from two devices, a tombstone, another campaign's
// fiche, a school with only an untouched classroom (no school fiche: "En cours", nothing audited), and text a
// spreadsheet would take for a formula. School fiches have their derived ids (`ecole-<campaign>-<uai>`, sync.md v2).
import { makeClassroomFiche, makeDirectorySchool, makeSchoolFiche } from '../../src/model/make';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { ExportInput } from '../../src/export/export-input';
import type { Fiche } from '../../src/model/types';

export const CAMPAIGN = '2026-2027';
export const EXPORTED_AT = new Date('2026-11-28T17:38:00Z'); // 18:38 in Paris

/** Texts that must stay text in XLSX and be prefixed in CSV. */
export const TRICKY_TEXTS = ['=HYPERLINK("http://x")', '+33 6 12 34 56 78', '@SUM(A1)', '-1+2'] as const;

export const DIRECTORY = [
  makeDirectorySchool({ uai: '0130569Y' }), // Marseille 02 – Joliette, REP+
  makeDirectorySchool({
    uai: '0131234W', name: 'École primaire Les Calanques', commune: 'Marseille 9e Arrondissement', communeCode: '13209',
    circonscription: 'Marseille 09 – Mazargues', educationPrioritaire: null, classes: 6, pupils: 140, ips: 112.4,
  }),
  makeDirectorySchool({
    uai: '0130001F', name: 'École élémentaire Jean Jaurès', commune: 'Aix-en-Provence', communeCode: '13001',
    circonscription: 'Aix-en-Provence Sud', educationPrioritaire: 'REP', chefDeFile: 'cd13', classes: 4, pupils: 95, ips: 95.1,
  }),
  makeDirectorySchool({
    uai: '0130002G', name: 'École maternelle Les Oliviers', commune: 'Arles', communeCode: '13004',
    circonscription: 'Arles', educationPrioritaire: null, chefDeFile: 'cd13', maternelle: true, elementaire: false,
    classes: 3, pupils: 70, ips: 101,
  }),
  // Closed: it counts only through its fiches, "hors annuaire".
  makeDirectorySchool({
    uai: '0130003H', name: 'École fermée du Vieux-Port', commune: 'Marseille 2e Arrondissement', communeCode: '13202',
    open: false,
  }),
];

/** Out of the directory altogether. */
export const OUTSIDE_UAI = '0139999Y';

export const TABLET_A = 'tablette-a';
export const TABLET_B = 'tablette-b';

const erun = { name: 'Camille Martin', role: 'erun' as const };
const tech = { name: 'Éloïse Nguyễn-Çelik', role: 'technicien' as const };

export function fixtureFiches(): { fiches: Fiche[]; deviceOf: Map<string, string> } {
  const deviceOf = new Map<string, string>();
  const fiches: Fiche[] = [];
  const add = (fiche: Fiche, device = TABLET_A) => {
    fiches.push(fiche);
    deviceOf.set(fiche.id, device);
  };
  add(makeSchoolFiche({
    uai: '0130569Y', rev: 3, updatedAt: '2026-10-12T08:30:00.000Z', author: erun,
    data: {
      visitDate: '2026-10-12', status: 'complete', classesCount: 8, pupils: 188, newTeachers: 2,
      internet: { access: 'fibre', downloadMbps: 300.5, uploadMbps: 100 }, wifi: { accessPoints: 4, coverage: 'all', switchable: true },
      fleets: [
        { id: 'flotte-tablettes', type: 'tablet', count: 16, workingCount: 15, year: 2024, charging: 'cart', mdm: true },
        { id: 'flotte-portables', type: 'laptop', count: 2, workingCount: 0, year: 2022, charging: 'case', mdm: true },
      ],
      filtering: true, usageCharter: false, ent: { used: true, name: 'ENT Atrium' }, resources: true,
      peripherals: { printerScanner: true, camera: true, robots: 6 },
      trainingNeeds: ['robotique-programmation'], needs: TRICKY_TEXTS[0], notes: 'Salle informatique fermée depuis 2024',
    },
  }));
  add(makeClassroomFiche({
    id: '00000000-0000-4000-8000-000000000002', uai: '0130569Y', rev: 2, updatedAt: '2026-10-12T09:05:00.000Z', author: erun,
    data: {
      label: 'CM1 B', levels: ['CM1'], pupils: 24,
      display: { type: 'eni', condition: 'working', year: 2023, sizeInches: 65 },
      computer: { type: 'laptop', condition: 'working', year: 2023, os: 'Windows 11', ramGb: 16, storage: 'ssd', linkedToDisplay: true, inventoryTag: 'VM-2023-0142' },
      network: { access: 'both', tested: true }, documentCamera: { present: true, condition: 'working' }, notes: TRICKY_TEXTS[1],
      trainingNeeds: ['usages-materiels', 'hybridation'],
    },
  }));
  add(makeClassroomFiche({
    id: '00000000-0000-4000-8000-000000000003', uai: '0130569Y', updatedAt: '2026-10-12T09:40:00.000Z', author: erun,
    data: {
      label: 'CP A', levels: ['CP'], pupils: 12,
      display: { type: 'projector', condition: 'broken', year: 2012, sizeInches: null },
      computer: { type: 'desktop', condition: 'degraded', year: 2015, os: null, ramGb: 4.5, storage: 'hdd', linkedToDisplay: true, inventoryTag: null },
      network: { access: 'wired', tested: false }, documentCamera: { present: false, condition: null },
    },
  }));
  // The same room, recorded on a second tablet: "Doublon possible" on both rows.
  add(makeClassroomFiche({
    id: '00000000-0000-4000-8000-000000000004', uai: '0130569Y', updatedAt: '2026-10-13T14:00:00.000Z', author: tech,
    data: { label: ' cp  a', levels: ['CP'], pupils: 12, display: { type: 'none' }, computer: { type: 'none' }, network: { access: 'none' } },
  }), TABLET_B);
  // Deleted: in no sheet.
  add(makeClassroomFiche({
    id: '00000000-0000-4000-8000-000000000005', uai: '0130569Y', rev: 2, deleted: true, updatedAt: '2026-10-12T10:00:00.000Z',
    data: { label: 'Salle supprimée', display: { type: 'none' } },
  }));
  // Another campaign: in no sheet.
  add(makeClassroomFiche({ id: '00000000-0000-4000-8000-000000000006', uai: '0130569Y', campaign: '2025-2026', data: { label: 'Ancienne' } }));
  add(makeSchoolFiche({
    uai: '0130001F', updatedAt: '2026-11-03T13:15:00.000Z', author: tech,
    data: {
      visitDate: '2026-11-03', classesCount: 4, internet: { access: 'adsl', downloadMbps: 8 }, wifi: { coverage: 'partial', switchable: false },
      filtering: false, usageCharter: true, ent: { used: false, name: null }, needs: TRICKY_TEXTS[2],
    },
  }));
  add(makeClassroomFiche({
    id: '00000000-0000-4000-8000-000000000008', uai: '0130001F', updatedAt: '2026-11-03T13:30:00.000Z', author: tech,
    data: {
      label: TRICKY_TEXTS[3], levels: ['CE1', 'CE2'], pupils: 22,
      display: { type: 'vpi', condition: 'degraded', year: 2016, sizeInches: null },
      computer: { type: 'laptop', condition: 'working', year: 2017, os: null, ramGb: 4, storage: 'hdd', linkedToDisplay: true, inventoryTag: null },
      network: { access: 'wifi', tested: true },
    },
  }));
  // A closed school and a school out of the directory, both with fiches.
  add(makeClassroomFiche({ id: '00000000-0000-4000-8000-000000000009', uai: '0130003H', updatedAt: '2026-09-20T07:00:00.000Z', data: { label: 'Classe unique', display: { type: 'none' }, computer: { type: 'none' } } }));
  // A classroom created and left untouched, in a school without a school fiche.
  add(makeClassroomFiche({ id: '00000000-0000-4000-8000-00000000000c', uai: '0130002G', updatedAt: '2026-11-04T08:00:00.000Z', data: { label: 'Moyenne section' } }));
  add(makeSchoolFiche({ uai: OUTSIDE_UAI, updatedAt: '2026-09-21T07:00:00.000Z', data: { classesCount: 2, filtering: true, needs: TRICKY_TEXTS[1] } }), TABLET_B);
  add(makeClassroomFiche({
    id: '00000000-0000-4000-8000-00000000000b', uai: OUTSIDE_UAI, updatedAt: '2026-09-21T07:30:00.000Z',
    data: { label: 'Grande section', display: { type: 'tv', condition: 'working', year: 2024 }, computer: { type: 'none' }, network: { access: 'none' } },
  }), TABLET_B);
  return { fiches, deviceOf };
}

export function fixtureInput(): ExportInput {
  const { fiches, deviceOf } = fixtureFiches();
  return { campaign: CAMPAIGN, directory: DIRECTORY, fiches, deviceOf, referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT };
}
