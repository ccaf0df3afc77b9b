// Photos on a classroom fiche, as an auditor takes them in a school with no network (issue 17): attached through the
// real file input, prepared in the real worker, kept in the real IndexedDB across a reload offline, uploaded by hash
// before the fiche once the network is back, and found in the export's zip, in Chromium with the built app and the
// reference server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import Database from 'better-sqlite3';
import { launchBrowser } from './support/browser';
import { addNamedClassroom, openSchool, tabletWithToken, waitClassroomForm, waitSaved } from './support/app';
import { serveDir, type Served } from './support/serve-build';
import { runCli } from '../server/support';
import { readXlsx } from '../export/support/read-xlsx';
import type { Fiche } from '../../src/model/types';

let browser: Browser;
let served: Served;
let outDir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  served = await serveDir('dist');
  outDir = await mkdtemp(join(tmpdir(), 'tne13-photos-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  await served?.server.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A camera-sized JPEG (4000×3000, detail and noise, so that it has to be compressed), drawn by Chromium itself. */
async function cameraJpeg(page: Page, seed: number): Promise<Buffer> {
  const base64 = await page.evaluate(async (seed) => {
    const canvas = new OffscreenCanvas(4000, 3000);
    const g = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const gradient = g.createLinearGradient(0, 0, 4000, 3000);
    gradient.addColorStop(0, `hsl(${seed * 70}, 60%, 70%)`);
    gradient.addColorStop(1, `hsl(${seed * 70 + 120}, 50%, 30%)`);
    g.fillStyle = gradient;
    g.fillRect(0, 0, 4000, 3000);
    let state = seed * 7919;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 6000; i += 1) {
      g.fillStyle = `rgba(${Math.floor(next() * 255)}, ${Math.floor(next() * 255)}, ${Math.floor(next() * 255)}, 0.6)`;
      g.fillRect(next() * 4000, next() * 3000, 4 + next() * 60, 4 + next() * 60);
    }
    g.fillStyle = '#111';
    g.font = '220px sans-serif';
    g.fillText(`INV-${seed}`, 400, 1600);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, seed);
  return Buffer.from(base64, 'base64');
}

/** The thumbnails of the open fiche's photos that the browser has actually decoded. */
async function shownPhotos(page: Page): Promise<number> {
  return page.locator('.fiche-photos img').evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0).length);
}

/** The server's head of the classroom fiche named `label`, read from its SQLite file. */
function heldClassroom(label: string): Fiche | undefined {
  const db = new Database(served.dbPath, { readonly: true });
  try {
    const records = (db.prepare("SELECT record FROM fiches WHERE kind = 'classroom' AND deleted = 0").all() as Array<{ record: string }>).map((row) => JSON.parse(row.record) as Fiche);
    return records.find((fiche) => fiche.kind === 'classroom' && fiche.data.label === label);
  } finally {
    db.close();
  }
}

describe('photos of a classroom, taken offline', () => {
  it('are kept on the tablet across a reload offline, then uploaded with the fiche and found in the export zip', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await tabletWithToken(context, served.url, served.token);
    const status = page.locator('.sync-indicator [role=status]');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Tout est envoyé/);
    const pictures = [await cameraJpeg(page, 1), await cameraJpeg(page, 2)];
    expect(pictures.every((bytes) => bytes.length > 1_000_000)).toBe(true);

    await context.setOffline(true);
    await page.getByRole('link', { name: 'Écoles' }).click();
    await openSchool(page, 'Sainte-Marguerite', 'École élémentaire Sainte-Marguerite');
    await addNamedClassroom(page, 'CM1 photos');
    await page.getByRole('link', { name: /CM1 photos/ }).click();
    await waitClassroomForm(page, 'CM1 photos');
    await page.getByLabel('Sujet des photos ajoutées').selectOption('display');
    await page.getByLabel('Choisir dans la galerie').setInputFiles(pictures.map((buffer, i) => ({ name: `IMG_000${i + 1}.jpg`, mimeType: 'image/jpeg', buffer })));
    await expect.poll(() => shownPhotos(page), { timeout: 30_000 }).toBe(2);
    await page.getByText('2 photos sur 20').waitFor();
    await page.getByLabel('Légende').first().fill('VPI côté fenêtre');
    await waitSaved(page);

    // Offline, the page reloaded (from the service worker's precache): the photos come from IndexedDB.
    await page.reload();
    await waitClassroomForm(page, 'CM1 photos');
    await expect.poll(() => shownPhotos(page), { timeout: 10_000 }).toBe(2);
    expect(await page.getByLabel('Légende').first().inputValue()).toBe('VPI côté fenêtre');
    expect(heldClassroom('CM1 photos')).toBeUndefined();

    await context.setOffline(false);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Tout est envoyé/);
    const held = heldClassroom('CM1 photos');
    const photos = held?.data.photos ?? [];
    expect(photos.map((p) => [p.subject, p.caption])).toEqual([['display', 'VPI côté fenêtre'], ['display', null]]);
    for (const photo of photos) {
      const kept = await served.store.attachments.get(photo.sha256);
      expect(kept?.type).toBe('image/jpeg');
      expect(sha256(kept?.bytes ?? new Uint8Array())).toBe(photo.sha256);
      expect(kept?.bytes.length).toBe(photo.bytes);
      expect(photo.bytes).toBeLessThanOrEqual(300_000);
    }

    const zipPath = join(outDir, 'export.zip');
    const run = runCli('export', served.dbPath, zipPath, '--photos');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const entries = unzipSync(new Uint8Array(await readFile(zipPath)));
    const uai = held?.uai as string;
    const photoEntries = Object.keys(entries).filter((name) => name.startsWith(`${uai}/`)).sort();
    expect(photoEntries).toEqual([`${uai}/CM1 photos/affichage-1.jpg`, `${uai}/CM1 photos/affichage-2.jpg`]);
    expect(photoEntries.map((name) => sha256(entries[name] as Uint8Array))).toEqual(photos.map((p) => p.sha256));
    const workbookName = Object.keys(entries).find((name) => name.endsWith('.xlsx')) as string;
    const classes = (await readXlsx(entries[workbookName] as Uint8Array)).find((sheet) => sheet.name === 'Classes');
    const row = classes?.rows.find((cells) => cells[classes.header.indexOf('Classe')] === 'CM1 photos');
    expect(row?.[classes?.header.indexOf('Photos') ?? -1]).toBe(2);
    await context.close();
  });
});
