// The export section of the Département screen: its controls are labelled, and an export of the device's fiches
// ends in a download named as export.md says (here in the page's thread: happy-dom has no Worker).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { unzipSync, strFromU8 } from 'fflate';
import { SpreadsheetExport } from '../../src/ui/screens/spreadsheet-export';
import { referential } from '../../src/state/referential';
import { defaultReferentialFor, REFERENTIAL_V1 } from '../../src/model/referential';
import { parseTerritoryFile } from '../../src/territory/territory-file';
import { territoryFor } from '../../src/territory/territory-for';
import { VITRY_TERRITORY_FILE } from '../directory/fixtures/annuaire-val-de-marne';
import { exportState } from '../../src/state/export';
import { campaign } from '../../src/state/session';
import { putSchools } from '../../src/storage/directory';
import { freshDeviceDb } from '../support/db';
import { CAMPAIGN, DIRECTORY, fixtureFiches } from '../export/fixture';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  exportState.value = { status: 'idle' };
});

async function seededDb() {
  const db = freshDeviceDb();
  await putSchools(db, DIRECTORY);
  await db.fiches.bulkPut(fixtureFiches().fiches);
  campaign.value = CAMPAIGN;
  return db;
}

/** The blobs handed to the browser's download. */
function captureDownloads() {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:export';
  });
  const names: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names };
}

describe('SpreadsheetExport', () => {
  it('labels every control', async () => {
    await seededDb();
    render(<SpreadsheetExport />);
    expect(screen.getByRole('heading', { name: 'Tableau départemental', level: 2 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Exporter le tableau départemental' })).toBeTruthy();
    const select = screen.getByLabelText('Ou une seule feuille au format CSV (Excel en français)') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Synthèse', 'Écoles', 'Classes', 'Besoins', 'Référentiel']);
    expect(screen.getByRole('button', { name: 'Exporter la feuille en CSV' })).toBeTruthy();
  });

  it('downloads the workbook of the device\'s fiches and says where it went', async () => {
    const downloads = captureDownloads();
    await seededDb();
    render(<SpreadsheetExport />);
    fireEvent.click(screen.getByRole('button', { name: 'Exporter le tableau départemental' }));
    const status = await screen.findByText(/Fichier enregistré dans vos téléchargements/, undefined, { timeout: 5000 });
    expect(downloads.names).toHaveLength(1);
    expect(downloads.names[0]).toMatch(/^tne13-etat-des-lieux-2026-2027-\d{8}-\d{4}\.xlsx$/);
    expect(status.textContent).toContain(downloads.names[0]);
    const files = unzipSync(new Uint8Array(await (downloads.blobs[0] as Blob).arrayBuffer()));
    expect(strFromU8(files['xl/workbook.xml'] as Uint8Array)).toContain('<sheet name="Classes"');
    expect(strFromU8(files['xl/sharedStrings.xml'] as Uint8Array)).toContain('CM1 B');
  });

  it('downloads one sheet as CSV', async () => {
    const downloads = captureDownloads();
    await seededDb();
    render(<SpreadsheetExport />);
    fireEvent.change(screen.getByLabelText(/une seule feuille/), { target: { value: 'classes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Exporter la feuille en CSV' }));
    await screen.findByText(/Fichier enregistré/, undefined, { timeout: 5000 });
    expect(downloads.names[0]).toMatch(/-classes\.csv$/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (downloads.blobs[0] as Blob).arrayBuffer());
    expect(text.startsWith('\uFEFFUAI;École;Circonscription;')).toBe(true);
    const classrooms = fixtureFiches().fiches.filter((f) => f.kind === 'classroom' && !f.deleted && f.campaign === CAMPAIGN);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + classrooms.length);
  });

  it('can be cancelled while it runs: it says so, nothing is downloaded, and the next export works', async () => {
    const downloads = captureDownloads();
    const db = await seededDb();
    render(<SpreadsheetExport />);
    fireEvent.click(screen.getByRole('button', { name: 'Exporter le tableau départemental' }));
    fireEvent.click(await screen.findByRole('button', { name: "Annuler l'export" }));
    const status = await screen.findByText(/^Export annulé/);
    expect(status.textContent).toBe("Export annulé : aucun fichier n'a été enregistré, vos fiches ne sont pas modifiées.");
    expect(screen.queryByRole('button', { name: "Annuler l'export" })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Exporter le tableau départemental' }));
    await screen.findByText(/Fichier enregistré dans vos téléchargements/, undefined, { timeout: 5000 });
    expect(downloads.names).toHaveLength(1);
    expect(await db.fiches.count()).toBe(fixtureFiches().fiches.length);
  });

  it('says in French when the export fails, and leaves the fiches as they were', async () => {
    const db = await seededDb();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      throw new Error('quota exceeded');
    });
    render(<SpreadsheetExport />);
    fireEvent.click(screen.getByRole('button', { name: 'Exporter le tableau départemental' }));
    const alert = await screen.findByRole('alert', undefined, { timeout: 5000 });
    expect(alert.textContent).toContain("L'export n'a pas abouti ; vos fiches ne sont pas modifiées.");
    expect(await db.fiches.count()).toBe(fixtureFiches().fiches.length);
  });
});

describe('who the workbook is for', () => {
  afterEach(() => {
    cleanup();
    referential.value = REFERENTIAL_V1;
  });

  const said = () => screen.getByText(/^Un classeur pour/).textContent?.split(' : ')[0];

  it('names the DSDEN and the territory’s chefs de file, in its order', () => {
    render(<SpreadsheetExport />);
    expect(said()).toBe('Un classeur pour la DSDEN, la Ville de Marseille et le Conseil départemental 13');
    cleanup();
    referential.value = defaultReferentialFor(territoryFor('094', parseTerritoryFile(VITRY_TERRITORY_FILE)));
    render(<SpreadsheetExport />);
    expect(said()).toBe('Un classeur pour la DSDEN, la Ville de Vitry-sur-Seine et le Conseil départemental du Val-de-Marne');
    cleanup();
    referential.value = defaultReferentialFor(territoryFor('02'));
    render(<SpreadsheetExport />);
    expect(said()).toBe("Un classeur pour la DSDEN et le Conseil départemental de l'Aisne");
  });
});
