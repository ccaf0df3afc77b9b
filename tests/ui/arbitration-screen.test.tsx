// The "Fiches à arbitrer" screen, on fiches really held by the device's storage: a local edit saved, then a head of
// the server that changed the same fields to other values.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { ArbitrationScreen } from '../../src/ui/screens/arbitration-screen';
import { heldFiches } from '../../src/state/arbitration';
import { schools } from '../../src/state/directory';
import { auditor, campaign } from '../../src/state/session';
import { saveRevision } from '../../src/storage/fiches';
import { headTables, writeHead } from '../../src/storage/heads';
import type { AuditDb } from '../../src/storage/db';
import { makeClassroomData, makeClassroomFiche, makeDirectorySchool, makeSchoolData, makeSchoolFiche } from '../../src/model/make';
import { schoolFicheId, type Head } from '../../src/model/sync-protocol';
import type { Author, Fiche } from '../../src/model/types';
import { freshDeviceDb } from '../support/db';

const CAMPAIGN = '2026-2027';
const UAI = '0130569Y'; // École élémentaire François Moisson (makeDirectorySchool)
const SCHOOL_ID = schoolFicheId(CAMPAIGN, UAI);
const me: Author = { name: 'Camille Martin', role: 'erun' };
const other: Author = { name: 'Sami Benali', role: 'technicien' };
const merger = { author: me, referentialVersion: '2026.1' };
let db: AuditDb;

beforeEach(() => {
  db = freshDeviceDb();
  auditor.value = me;
  campaign.value = CAMPAIGN;
  schools.value = [makeDirectorySchool()];
  heldFiches.value = null;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Puts the server's head in, as a pull would; the device holds an unsent edit of it, so it is merged or held. */
async function receive(record: Fiche, rev = 1): Promise<string> {
  const head: Head = { rev, seq: rev, record };
  const { outcome } = await db.transaction('rw', headTables(db), () => writeHead(db, head, merger));
  return outcome;
}

/** The school fiche edited here at 09 h 12 (Paris) and on another tablet at 10 h 30: Internet and Wi-Fi collide. */
async function heldSchoolFiche(): Promise<void> {
  const data = makeSchoolData({ internet: { access: 'fibre' }, wifi: { accessPoints: 3 }, notes: 'Vu avec la directrice' });
  await saveRevision(db, { id: SCHOOL_ID, kind: 'school', uai: UAI, campaign: CAMPAIGN, data, author: me }, { now: new Date('2026-11-28T08:12:00Z') });
  const theirs = makeSchoolFiche({
    id: SCHOOL_ID,
    uai: UAI,
    campaign: CAMPAIGN,
    author: other,
    updatedAt: '2026-11-28T09:30:00Z',
    data: { internet: { access: 'adsl' }, wifi: { accessPoints: 5 }, needs: 'Un second chariot de tablettes' },
  });
  expect(await receive(theirs)).toBe('arbitrate');
}

async function heldClassroom(): Promise<string> {
  const id = crypto.randomUUID();
  await saveRevision(db, { id, kind: 'classroom', uai: UAI, campaign: CAMPAIGN, data: makeClassroomData({ label: 'CM1 B', pupils: 24 }), author: me });
  expect(await receive(makeClassroomFiche({ id, uai: UAI, campaign: CAMPAIGN, author: other, data: { label: 'CM1 B', pupils: 26 } }))).toBe('arbitrate');
  return id;
}

const fieldset = (legend: string) => screen.getByRole('group', { name: legend });

describe('ArbitrationScreen', () => {
  it('shows each conflicting field with both values in French, who changed each side and when, and a link to the fiche', async () => {
    await heldSchoolFiche();
    render(<ArbitrationScreen />);
    const heading = await screen.findByRole('heading', { level: 2, name: 'École élémentaire François Moisson · Fiche école' });
    const section = heading.closest('section') as HTMLElement;
    expect(within(section).getByText('Ma version, sur cette tablette : Camille Martin (ERUN), le 28/11/2026 à 09 h 12')).toBeTruthy();
    expect(within(section).getByText("Version de l'autre tablette, reçue du serveur : Sami Benali (Technicien), le 28/11/2026 à 10 h 30")).toBeTruthy();
    expect(within(section).getByRole('link', { name: /^Ouvrir la fiche/ }).getAttribute('href')).toBe(`#/ecole/${UAI}`);
    const internet = fieldset("Accès internet");
    const mine = within(internet).getByRole('radio', { name: 'Ma version : Fibre' }) as HTMLInputElement;
    const theirs = within(internet).getByRole('radio', { name: "Version de l'autre tablette : ADSL" }) as HTMLInputElement;
    expect(mine.checked).toBe(true);
    expect(theirs.checked).toBe(false);
    expect(within(fieldset("Points d'accès Wi-Fi")).getByRole('radio', { name: "Version de l'autre tablette : 5" })).toBeTruthy();
    // Fields changed on one side only are merged, not asked about.
    expect(screen.getAllByRole('group')).toHaveLength(2);
  });

  it("saves the other tablet's value where it is chosen and mine elsewhere, closes the arbitration and queues the fiche", async () => {
    await heldSchoolFiche();
    render(<ArbitrationScreen />);
    fireEvent.click(within(await screen.findByRole('group', { name: 'Accès internet' })).getByRole('radio', { name: "Version de l'autre tablette : ADSL" }));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer ce choix' }));
    expect(await screen.findByText('Choix enregistré : la fiche sera envoyée.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Choix enregistré : la fiche sera envoyée.');
    expect(screen.getByText('Aucune fiche à arbitrer.', { exact: false })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('status'))); // nothing left: the focus on the message

    const saved = await db.fiches.get(SCHOOL_ID);
    expect(saved?.kind === 'school' && saved.data.internet.access).toBe('adsl');
    expect(saved?.kind === 'school' && saved.data.wifi.accessPoints).toBe(3);
    expect(saved?.kind === 'school' && saved.data.needs).toBe('Un second chariot de tablettes'); // merged from the head
    expect(saved?.kind === 'school' && saved.data.notes).toBe('Vu avec la directrice');
    expect(await db.arbitrations.get(SCHOOL_ID)).toBeUndefined();
    expect((await db.outbox.get(SCHOOL_ID))?.record).toEqual(saved);
    expect((await db.bases.get(SCHOOL_ID))?.rev).toBe(1); // sent on the server's head
  });

  it('"Garder ma version partout" keeps every local value, and moves the focus to the next fiche', async () => {
    await heldSchoolFiche();
    const classroomId = await heldClassroom();
    render(<ArbitrationScreen />);
    const school = await screen.findByRole('heading', { level: 2, name: 'École élémentaire François Moisson · Fiche école' });
    const classroom = screen.getByRole('heading', { level: 2, name: 'École élémentaire François Moisson · CM1 B' });
    expect(within(classroom.closest('section') as HTMLElement).getByRole('link', { name: /^Ouvrir la fiche/ }).getAttribute('href')).toBe(
      `#/ecole/${UAI}/classe/${classroomId}`,
    );
    const schoolSection = school.closest('section') as HTMLElement;
    fireEvent.click(within(schoolSection).getByRole('radio', { name: "Version de l'autre tablette : ADSL" })); // then changes their mind
    fireEvent.click(within(schoolSection).getByRole('button', { name: 'Garder ma version partout' }));
    expect(await screen.findByText('Choix enregistré : la fiche sera envoyée.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Fiche école$/ })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: /CM1 B$/ })));

    const saved = await db.fiches.get(SCHOOL_ID);
    expect(saved?.kind === 'school' && saved.data.internet.access).toBe('fibre');
    expect(saved?.kind === 'school' && saved.data.wifi.accessPoints).toBe(3);
    expect(await db.arbitrations.get(SCHOOL_ID)).toBeUndefined();
    expect(await db.arbitrations.get(classroomId)).toBeDefined(); // the other fiche still waits for its choice
  });

  it('names a school missing from the directory by its UAI', async () => {
    schools.value = [];
    await heldSchoolFiche();
    render(<ArbitrationScreen />);
    expect(await screen.findByRole('heading', { level: 2, name: `École ${UAI} · Fiche école` })).toBeTruthy();
  });

  it('says so when no fiche waits, with a way back to the schools', async () => {
    render(<ArbitrationScreen />);
    expect(await screen.findByText('Aucune fiche à arbitrer.', { exact: false })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Revenir à la liste des écoles' }).getAttribute('href')).toBe('#/');
  });

  it('refuses a choice that makes an invalid fiche, in an alert, and changes nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // A fleet both tablets changed from one base: more working devices here, fewer devices there.
    const fleetId = crypto.randomUUID();
    const fleet = { id: fleetId, type: 'tablet' as const, count: 10, workingCount: 4, year: 2021, charging: 'cart' as const, mdm: null };
    const base = makeSchoolFiche({ id: SCHOOL_ID, uai: UAI, campaign: CAMPAIGN, author: other, data: { fleets: [fleet] } });
    await db.bases.put({ id: SCHOOL_ID, rev: 1, seq: 1, record: base });
    const mine = makeSchoolData({ fleets: [{ ...fleet, count: 12, workingCount: 8 }] });
    await saveRevision(db, { id: SCHOOL_ID, kind: 'school', uai: UAI, campaign: CAMPAIGN, data: mine, author: me });
    const theirs = makeSchoolFiche({ id: SCHOOL_ID, uai: UAI, campaign: CAMPAIGN, author: other, data: { fleets: [{ ...fleet, count: 6, workingCount: 5 }] } });
    expect(await receive(theirs, 2)).toBe('arbitrate');
    const before = await db.fiches.get(SCHOOL_ID);

    render(<ArbitrationScreen />);
    const count = await screen.findByRole('group', { name: "Nombre d'appareils (flotte n° 1)" });
    fireEvent.click(within(count).getByRole('radio', { name: "Version de l'autre tablette : 6" }));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer ce choix' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('la fiche obtenue ne serait pas valable');
    expect(within(alert).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(await db.fiches.get(SCHOOL_ID)).toEqual(before);
    expect(await db.arbitrations.get(SCHOOL_ID)).toBeDefined();
    expect(screen.getByRole('heading', { level: 2, name: /Fiche école$/ })).toBeTruthy();
  });

  it('has no accessibility fault axe-core can find (WCAG 2.1 A and AA)', async () => {
    await heldSchoolFiche();
    await heldClassroom();
    const { container } = render(<ArbitrationScreen />);
    await screen.findByRole('heading', { level: 2, name: /CM1 B$/ });
    // happy-dom lays nothing out: colour contrast is checked by the browser tests.
    const result = await axe.run(container, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(0);
  });
});
