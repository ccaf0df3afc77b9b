// Debian's Chromium driven by playwright-core: a fresh profile per test, or a persistent one ("the same tablet").
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export async function newProfileDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tne13-profile-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A browser on a profile kept on disk: closing and reopening it is closing and reopening the tablet's browser.
 * `bypassCSP` lets axe-core be injected (the server's CSP forbids inline scripts); `timezoneId` makes the clock a
 * tablet's in France.
 */
export function launchProfile(dir: string, options: { bypassCSP?: boolean; timezoneId?: string } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1024, height: 768 },
    locale: 'fr-FR',
    ...options,
  });
}

export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}
