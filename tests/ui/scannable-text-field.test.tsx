// The "Scanner" button and its dialog in happy-dom, decoding with ZXing's real wasm (given as bytes: see
// tests/scan/barcode-images.ts). happy-dom has no camera, so the dialog says so; a refused camera is a getUserMedia
// that rejects as a browser does when the user says no.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import axe from 'axe-core';
import { ScannableTextField } from '../../src/ui/components/scannable-text-field';
import { SCAN_MESSAGES } from '../../src/ui/components/scan-dialog';
import { giveReaderWasmBytes, writeCode } from '../scan/barcode-images';

const SCAN = "Scanner le numéro d'inventaire";

function Host({ initial = null as string | null }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <>
      <ScannableTextField id="champ-computer-inventoryTag" label="Numéro d'inventaire" value={value} onChange={setValue} scanLabel={SCAN} />
      <output>{JSON.stringify(value)}</output>
    </>
  );
}

const reported = () => document.querySelector('output')?.textContent;
const field = () => screen.getByRole('textbox', { name: "Numéro d'inventaire" }) as HTMLInputElement;
const scanButton = () => screen.getByRole('button', { name: SCAN });
const dialog = () => screen.queryByRole('dialog', { name: SCAN });

/** Gives the photo input a file, as choosing or taking a photo does. */
async function givePhoto(file: File) {
  const input = within(dialog() as HTMLElement).getByLabelText("Photographier l'étiquette") as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

const pngFile = async (blob: Blob, name = 'etiquette.png') => new File([await blob.arrayBuffer()], name, { type: 'image/png' });

beforeEach(giveReaderWasmBytes);
afterEach(() => {
  cleanup();
  delete (navigator as { mediaDevices?: unknown }).mediaDevices;
});

describe('ScannableTextField', () => {
  it('shows the field and, beside it, a button named for what it scans', () => {
    render(<Host initial="VM-1" />);
    expect(field().value).toBe('VM-1');
    expect(scanButton().textContent).toBe('Scanner');
    expect(scanButton().getAttribute('aria-haspopup')).toBe('dialog');
    expect(dialog()).toBeNull();
  });

  it('opens a dialog with a photo input for the back camera, and says there is no camera to show', async () => {
    render(<Host />);
    fireEvent.click(scanButton());
    const opened = dialog() as HTMLElement;
    expect(opened).not.toBeNull();
    const input = within(opened).getByLabelText("Photographier l'étiquette") as HTMLInputElement;
    expect([input.type, input.accept, input.getAttribute('capture')]).toEqual(['file', 'image/*', 'environment']);
    await waitFor(() => expect(within(opened).getByRole('status').textContent).toBe(SCAN_MESSAGES.noCamera));
  });

  it('says the camera was refused when the user said no, and keeps the photo input', async () => {
    const refuse = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: refuse }, configurable: true });
    render(<Host />);
    fireEvent.click(scanButton());
    await waitFor(() => expect(within(dialog() as HTMLElement).getByRole('status').textContent).toBe(SCAN_MESSAGES.refused));
    expect(within(dialog() as HTMLElement).getByLabelText("Photographier l'étiquette")).toBeTruthy();
  });

  it('closes on Escape, changes nothing, and gives the focus back to the button', async () => {
    render(<Host initial="VM-1" />);
    scanButton().focus();
    fireEvent.click(scanButton());
    fireEvent.keyDown(dialog() as HTMLElement, { key: 'Escape' });
    await waitFor(() => expect(dialog()).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(scanButton()));
    expect(reported()).toBe('"VM-1"');
  });

  it('closes with "Fermer" as well', async () => {
    render(<Host />);
    fireEvent.click(scanButton());
    fireEvent.click(within(dialog() as HTMLElement).getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(dialog()).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(scanButton()));
  });

  it('says no code was read from a photo without one, and leaves the field as it was', async () => {
    render(<Host initial="VM-1" />);
    fireEvent.click(scanButton());
    const { png } = await writeCode('INV-2024-00123', 'PDF417'); // a code, but not one an inventory sticker carries
    await givePhoto(await pngFile(png));
    const alert = await within(dialog() as HTMLElement).findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toBe('Aucun code lu sur cette photo : réessayez ou saisissez le numéro.');
    expect(reported()).toBe('"VM-1"');
  });

  it('fills the field with the code read from the photo, closes, and puts the focus on the field to correct it', async () => {
    render(<Host initial="VM-1" />);
    fireEvent.click(scanButton());
    const { png } = await writeCode('INV-2024-00123', 'QRCode');
    await givePhoto(await pngFile(png));
    await waitFor(() => expect(dialog()).toBeNull(), { timeout: 10_000 });
    expect(reported()).toBe('"INV-2024-00123"');
    expect(field().value).toBe('INV-2024-00123');
    await waitFor(() => expect(document.activeElement).toBe(field()));
  });

  it('has no accessibility fault axe-core can find, dialog open (WCAG 2.1 A and AA)', async () => {
    const { container } = render(<Host />);
    fireEvent.click(scanButton());
    await waitFor(() => expect(within(dialog() as HTMLElement).getByRole('status').textContent).not.toBe(''));
    // happy-dom lays nothing out: colour contrast is checked by the browser tests.
    const result = await axe.run(container, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(0);
  });
});
