import { describe, expect, it } from 'vitest';
import { firstText, nativeCoversAll, scannedText } from '../../src/scan/formats';

describe('nativeCoversAll', () => {
  it("uses the browser's detector only when it reads all five formats", () => {
    const all = ['aztec', 'code_128', 'code_39', 'data_matrix', 'ean_13', 'ean_8', 'qr_code', 'upc_a'];
    expect(nativeCoversAll(all)).toBe(true);
    expect(nativeCoversAll(all.filter((format) => format !== 'data_matrix'))).toBe(false);
    expect(nativeCoversAll(['qr_code'])).toBe(false);
    expect(nativeCoversAll([])).toBe(false);
  });
});

describe('scannedText', () => {
  it('keeps the text of a sticker as it is', () => {
    expect(scannedText('INV-2024/00123 b')).toBe('INV-2024/00123 b');
  });

  it('shows a line break (CR LF too), a tab or a GS1 separator as one space, and trims the ends', () => {
    expect(scannedText('\n SALLE 12\r\nPC\t3\u001d01 \u200b')).toBe('SALLE 12 PC 3 01');
  });

  it('answers null for a code that holds only spaces or controls', () => {
    expect(scannedText(' \u0000\n ')).toBeNull();
    expect(scannedText('')).toBeNull();
  });
});

describe('firstText', () => {
  it('takes the first code that has text', () => {
    expect(firstText(['  ', 'A-1', 'B-2'])).toBe('A-1');
    expect(firstText([])).toBeNull();
  });
});
