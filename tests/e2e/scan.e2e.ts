// "Scanner" beside the inventory number, in Chromium against the built app and the reference server (its real CSP):
// desktop Chromium has no BarcodeDetector, so ZXing's wasm does the reading, fetched only once the button is pressed.
// Headless Chromium has no camera: the photo input reads the sticker, given a generated PNG; and a fake camera that
// films a generated image (Chromium's own test device, fed a Y4M file) shows the live scan.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser } from './support/browser';
import { completeFirstRun, openSchool, waitClassroomForm, waitControlled, waitSaved } from './support/app';
import { axeViolations } from './support/axe';
import { photoOf, writeCode } from '../scan/barcode-images';
import type { Pixels } from '../../src/scan/formats';

const SCAN = "Scanner le numéro d'inventaire";
const DECODER = /\/assets\/zxing[-_]reader-[\w-]+\.(js|wasm)$/;
// A 1×1 white PNG: an image with no code on it.
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGP4DwABAQEAWkeDBQAAAABJRU5ErkJggg==', 'base64');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Tablet {
  context: BrowserContext;
  page: Page;
  requests: Request[];
  /** What the page's console said about the CSP (a refused wasm compilation would be one). */
  cspReports: string[];
}

/** A fresh browser profile through the first run. `bypassCSP` only for axe-core, injected as an inline script. */
async function tablet(options: { bypassCSP?: boolean } = {}): Promise<Tablet> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR', ...options });
  const page = await context.newPage();
  // The context sees the page's requests and its service worker's alike.
  const requests: Request[] = [];
  context.on('request', (request) => void requests.push(request));
  const cspReports: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|wasm-unsafe-eval/i.test(message.text())) cspReports.push(message.text());
  });
  await page.goto(inject('baseUrl'));
  await completeFirstRun(page);
  await waitControlled(page);
  return { context, page, requests, cspReports };
}

const decoderRequests = (requests: Request[]) => requests.filter((request) => DECODER.test(new URL(request.url()).pathname));
const field = (page: Page) => page.getByLabel("Numéro d'inventaire", { exact: true });
const dialog = (page: Page) => page.getByRole('dialog', { name: SCAN });
const photoInput = (page: Page) => dialog(page).getByLabel("Photographier l'étiquette");

/** A new classroom with a computer, whose details (the inventory number among them) are then shown. */
async function classroomWithComputer(page: Page, school: [query: string, name: string]) {
  await openSchool(page, ...school);
  await page.getByRole('button', { name: 'Ajouter une classe' }).click();
  await waitClassroomForm(page, 'Classe 1');
  await page.getByRole('group', { name: 'Ordinateur', exact: true }).getByRole('radio', { name: 'Portable', exact: true }).locator('xpath=ancestor::label[1]').click();
  await field(page).waitFor();
}

async function png(text: string) {
  const { png } = await writeCode(text, 'Code128');
  return { name: 'etiquette.png', mimeType: 'image/png', buffer: Buffer.from(await png.arrayBuffer()) };
}

describe('Scanner, with the network', () => {
  let t: Tablet;
  beforeAll(async () => {
    t = await tablet();
    await classroomWithComputer(t.page, ['Capucins', 'École élémentaire Les Capucins']);
  });
  afterAll(async () => {
    await t?.context.close();
  });

  it('fetches nothing of the decoder before Scanner is pressed; the browser has no BarcodeDetector to use instead', async () => {
    expect(await t.page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
    expect(decoderRequests(t.requests).map((request) => request.url())).toEqual([]);
  });

  it('fills the number from a photo of a Code 128 label, saved like typing and still editable after a reload', async () => {
    const before = t.requests.length;
    await t.page.getByRole('button', { name: SCAN }).click();
    await dialog(t.page).waitFor();
    // No camera in headless Chromium: said so, and the photo is the way.
    await expect.poll(() => dialog(t.page).getByRole('status').textContent()).toMatch(/photographiez l'étiquette ci-dessous ou saisissez le numéro\.$/);

    await photoInput(t.page).setInputFiles(await png('MAT-13-004512'));
    await dialog(t.page).waitFor({ state: 'detached' });
    expect(await field(t.page).inputValue()).toBe('MAT-13-004512');
    expect(await t.page.evaluate(() => document.activeElement?.id)).toBe('champ-computer-inventoryTag');

    // The decoder's chunk and its wasm, both after the press, from this origin, the wasm compressed and of its type.
    const fetched = decoderRequests(t.requests);
    expect(fetched.map((request) => new URL(request.url()).pathname.split('.').pop()).sort()).toEqual(expect.arrayContaining(['js', 'wasm']));
    expect(fetched.every((request) => t.requests.indexOf(request) >= before)).toBe(true);
    expect(fetched.every((request) => request.url().startsWith(inject('baseUrl')))).toBe(true);
    const wasm = fetched.find((request) => request.url().endsWith('.wasm') && request.serviceWorker() !== null) ?? fetched.find((request) => request.url().endsWith('.wasm'));
    const headers = (await wasm?.response())?.headers() ?? {};
    expect(headers['content-type']).toBe('application/wasm');
    expect(headers['content-encoding']).toBe('br');
    // The page ran under the server's CSP, and it let the wasm compile.
    const csp = (await t.page.request.get(inject('baseUrl'))).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(t.cspReports).toEqual([]);

    await field(t.page).fill('MAT-13-004512 B');
    await waitSaved(t.page);
    await t.page.reload();
    await waitClassroomForm(t.page, 'Classe 1');
    expect(await field(t.page).inputValue()).toBe('MAT-13-004512 B');
  });

  it('says so when the photo holds no code, keeps the field as it was, and closes on Escape with the focus back on Scanner', async () => {
    await t.page.getByRole('button', { name: SCAN }).click();
    await photoInput(t.page).setInputFiles({ name: 'blanc.png', mimeType: 'image/png', buffer: BLANK_PNG });
    await expect.poll(() => dialog(t.page).getByRole('alert').textContent()).toBe('Aucun code lu sur cette photo : réessayez ou saisissez le numéro.');
    await t.page.keyboard.press('Escape');
    await dialog(t.page).waitFor({ state: 'detached' });
    expect(await t.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(SCAN);
    expect(await field(t.page).inputValue()).toBe('MAT-13-004512 B');
  });
});

describe('Scanner, offline', () => {
  it('says the decoder is not there yet when first used offline; once used online it reads offline, after a reload too', async () => {
    const t = await tablet();
    try {
      await classroomWithComputer(t.page, ['Sainte-Marguerite', 'École élémentaire Sainte-Marguerite']);
      await t.context.setOffline(true);
      await t.page.getByRole('button', { name: SCAN }).click();
      await photoInput(t.page).setInputFiles(await png('TNE13-0042'));
      await expect.poll(() => dialog(t.page).getByRole('alert').textContent()).toBe("Le lecteur de codes n'est pas encore disponible hors ligne : saisissez le numéro.");
      expect(await field(t.page).inputValue()).toBe('');

      // Back online, the same dialog tries again: the failure was not kept.
      await t.context.setOffline(false);
      await photoInput(t.page).setInputFiles(await png('TNE13-0042'));
      await dialog(t.page).waitFor({ state: 'detached' });
      expect(await field(t.page).inputValue()).toBe('TNE13-0042');
      await waitSaved(t.page);

      // Offline again, after a reload: the service worker serves the decoder it kept.
      await t.context.setOffline(true);
      await t.page.reload();
      await waitClassroomForm(t.page, 'Classe 1');
      await t.page.getByRole('button', { name: SCAN }).click();
      await photoInput(t.page).setInputFiles(await png('TNE13-0043'));
      await dialog(t.page).waitFor({ state: 'detached' });
      expect(await field(t.page).inputValue()).toBe('TNE13-0043');
    } finally {
      await t.context.close();
    }
  });
});

describe('Scanner, accessibility in Chromium', () => {
  it('has no fault axe-core finds with the dialog open, none at 320 px wide, and is worked from the keyboard', async () => {
    const t = await tablet({ bypassCSP: true });
    try {
      await classroomWithComputer(t.page, ['Capucins', 'École élémentaire Les Capucins']);
      await t.page.getByRole('button', { name: SCAN }).focus();
      await t.page.keyboard.press('Enter');
      await dialog(t.page).getByRole('status').filter({ hasText: /photographiez/ }).waitFor();
      // The modal dialog takes the focus, on its photo input.
      expect(await t.page.evaluate(() => document.activeElement?.id)).toBe('scan-photo');
      expect(await axeViolations(t.page)).toEqual([]);
      await t.page.setViewportSize({ width: 320, height: 640 });
      expect(await t.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
      await t.page.keyboard.press('Tab');
      expect(await t.page.evaluate(() => document.activeElement?.textContent)).toBe('Fermer');
      await t.page.keyboard.press('Enter');
      await dialog(t.page).waitFor({ state: 'detached' });
      expect(await t.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(SCAN);
    } finally {
      await t.context.close();
    }
  });
});

/** One frame of a Y4M video (4:2:0, grey: the chroma planes neutral), the file Chromium's fake camera films. */
function y4m(frame: Pixels): Buffer {
  const { width, height, data } = frame;
  const luma = Buffer.alloc(width * height);
  for (let i = 0; i < luma.length; i += 1) luma[i] = data[i * 4 + 1] ?? 0;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]);
}

describe('Scanner, with a camera', () => {
  it('reads a QR code held in front of the camera, fills the field, and stops the camera', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tne13-camera-'));
    const code = await writeCode('INV-2024-00123', 'QRCode');
    await writeFile(join(dir, 'etiquette.y4m'), y4m(photoOf(code, { width: 640, height: 480, scale: 6, angle: 12 })));
    const filming = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${join(dir, 'etiquette.y4m')}`],
    });
    try {
      const context = await filming.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR' });
      const page = await context.newPage();
      // Watches the streams the app opens (the camera itself is the browser's), to see their tracks end.
      await page.addInitScript(() => {
        const streams: MediaStream[] = ((window as unknown as { streams: MediaStream[] }).streams = []);
        const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async (constraints) => {
          const stream = await open(constraints);
          streams.push(stream);
          return stream;
        };
      });
      await page.goto(inject('baseUrl'));
      await completeFirstRun(page);
      await classroomWithComputer(page, ['Capucins', 'École élémentaire Les Capucins']);
      await page.getByRole('button', { name: SCAN }).click();

      await dialog(page).waitFor({ state: 'detached' });
      expect(await field(page).inputValue()).toBe('INV-2024-00123');
      const tracks = await page.evaluate(() => (window as unknown as { streams: MediaStream[] }).streams.flatMap((s) => s.getTracks().map((t) => [t.kind, t.readyState])));
      expect(tracks).toEqual([['video', 'ended']]);
      await waitSaved(page);
    } finally {
      await filming.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
