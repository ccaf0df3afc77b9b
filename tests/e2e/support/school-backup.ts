// A school audited in full (its fiche and twelve classrooms of varied equipment), handed to a tablet the way an
// offline tablet hands audits over: a backup file imported on the "Appareil" screen, through the app's own checks.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BACKUP_FORMAT, BACKUP_VERSION, type DeviceBackup } from '../../../src/model/backup';
import { currentCampaign } from '../../../src/model/campaign';
import { makeClassroomData, makeClassroomFiche, makeSchoolFiche } from '../../../src/model/make';

export const AUDITED_UAI = '0134939Y';
export const AUDITED_NAME = 'École élémentaire Sainte-Marguerite';

type Room = NonNullable<Parameters<typeof makeClassroomData>[0]>;

const OLD_DESKTOP = { type: 'desktop', condition: 'working', year: 2014, ramGb: 4, storage: 'hdd', linkedToDisplay: true } as const;
const NEW_LAPTOP = { type: 'laptop', condition: 'working', year: 2024, ramGb: 8, storage: 'ssd', linkedToDisplay: true } as const;

/** Twelve classrooms: some at the socle, others lacking a display, a computer, the network, or all three. */
export const CLASSROOMS: ReadonlyArray<Room & { label: string }> = [
  { label: 'CP A', levels: ['CP'], display: { type: 'eni', condition: 'working', year: 2024 }, computer: NEW_LAPTOP, network: { access: 'wifi' }, trainingNeeds: ['robotique-programmation'] },
  { label: 'CP B', levels: ['CP'], display: { type: 'none' }, computer: { type: 'none' }, network: { access: 'none' }, trainingNeeds: ['usages-materiels', 'education-medias'] },
  { label: 'CE1 A', levels: ['CE1'], display: { type: 'vpi', condition: 'working', year: 2012 }, computer: OLD_DESKTOP, network: { access: 'wired' } },
  { label: 'CE1 B', levels: ['CE1'], display: { type: 'tv', condition: 'working', year: 2019 }, computer: NEW_LAPTOP, network: { access: 'both' }, trainingNeeds: ['enseigner-numerique'] },
  { label: 'CE2 A', levels: ['CE2'], display: { type: 'projector', condition: 'broken', year: 2020 }, computer: NEW_LAPTOP, network: { access: 'wifi' } },
  { label: 'CE2 B', levels: ['CE2'], display: { type: 'tni', condition: 'working', year: 2022 }, computer: { ...NEW_LAPTOP, linkedToDisplay: false }, network: { access: 'wired' } },
  { label: 'CM1 A', levels: ['CM1'], display: { type: 'eni', condition: 'working', year: 2023 }, computer: { type: 'none' }, network: { access: 'none' }, trainingNeeds: ['hybridation'] },
  { label: 'CM1 B', levels: ['CM1'], display: { type: 'eni', condition: 'degraded', year: 2021 }, computer: { ...OLD_DESKTOP, year: 2018, storage: 'ssd' }, network: { access: 'wifi' } },
  { label: 'CM2 A', levels: ['CM2'], display: { type: 'vpi', condition: 'working', year: 2019 }, computer: NEW_LAPTOP, network: { access: 'wired' }, trainingNeeds: ['enjeux-donnees', 'coeducation'] },
  { label: 'CM2 B', levels: ['CM2'], display: { type: 'none' }, computer: OLD_DESKTOP, network: { access: 'wifi' } },
  { label: 'ULIS', levels: ['ULIS'], display: { type: 'eni', condition: 'working', year: 2025 }, computer: NEW_LAPTOP, network: { access: 'both' }, trainingNeeds: ['besoins-particuliers'] },
  { label: 'UPE2A', levels: ['UPE2A'], display: { type: 'projector', condition: 'working', year: 2017 }, computer: { type: 'laptop', condition: 'out_of_service', year: 2016 }, network: { access: 'none' } },
];

/** Writes the backup file of a tablet that audited the school, and gives its path. */
export async function writeSchoolBackup(dir: string, now = new Date()): Promise<string> {
  const campaign = currentCampaign(now);
  const author = { name: 'Sami Benali', role: 'technicien' } as const;
  const school = makeSchoolFiche({
    uai: AUDITED_UAI, campaign, author,
    data: {
      visitDate: now.toISOString().slice(0, 10), status: 'complete', classesCount: 12, pupils: 294, newTeachers: 2,
      internet: { access: 'fibre', downloadMbps: 300, uploadMbps: 100 },
      wifi: { accessPoints: 4, coverage: 'partial', switchable: true },
      fleets: [{ id: 'flotte-1', type: 'tablet', count: 16, workingCount: 14, year: 2022, charging: 'cart', mdm: false }],
      filtering: true, usageCharter: true, ent: { used: true, name: 'ENT Atrium' }, resources: false,
      peripherals: { printerScanner: true, camera: false, robots: 6 },
      trainingNeeds: ['sciences-numerique', 'collaboration-equipe'],
    },
  });
  const rooms = CLASSROOMS.map((data, i) =>
    // One minute apart: the school lists its classrooms in the order they were created.
    makeClassroomFiche({ uai: AUDITED_UAI, campaign, author, updatedAt: new Date(now.getTime() - (12 - i) * 60_000).toISOString(), data }),
  );
  const backup: DeviceBackup = {
    format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), deviceId: 'tablette-de-sami',
    fiches: [school, ...rooms], unsent: [], settings: { auditor: author, campaign, referential: null },
  };
  const path = join(dir, 'tne13-sauvegarde-sainte-marguerite.json');
  await writeFile(path, JSON.stringify(backup));
  return path;
}

/** Imports a backup file on the "Appareil" screen and waits for its report. */
export async function importBackupFile(page: Page, path: string): Promise<string> {
  await page.getByRole('link', { name: 'Appareil' }).click();
  await page.getByLabel('Importer une sauvegarde (fichier .json)').setInputFiles(path);
  const report = page.locator('#rapport-import p').first();
  await report.waitFor();
  return (await report.textContent()) ?? '';
}
