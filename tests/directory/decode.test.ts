import { describe, expect, it } from 'vitest';
import { createDecoder, DETECT_WINDOW_BYTES } from '../../src/directory/decode';
import { chunksOf, cp1252, utf8, utf8WithBom } from './fixtures/annuaire-fixture';

function decode(bytes: Uint8Array, chunkSize = bytes.length || 1): { text: string; encoding: string } {
  const decoder = createDecoder();
  let text = '';
  for (const chunk of chunksOf(bytes, chunkSize)) text += decoder.push(chunk);
  text += decoder.end();
  return { text, encoding: decoder.encoding };
}

const TEXT = 'Nom_commune;Nom_etablissement\nChâteauneuf-les-Martigues;École élémentaire\nSalon-de-Provence;Ecole – annexe de l’Œuvre, 5 €\n';

describe('file decoding', () => {
  it('reads UTF-8 as UTF-8', () => {
    expect(decode(utf8(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('recognises Windows-1252 bytes and reads their accents', () => {
    const bytes = cp1252(TEXT);
    expect(bytes.includes(0xe2)).toBe(true); // â as one byte
    expect(decode(bytes)).toEqual({ text: TEXT, encoding: 'windows-1252' });
  });

  it('reads the Windows-1252 characters that Latin-1 lacks (€, ’, –, œ)', () => {
    const { text } = decode(new Uint8Array([0x80, 0x20, 0x92, 0x20, 0x96, 0x20, 0x9c, 0x20, 0xe9]));
    expect(text).toBe('€ ’ – œ é');
  });

  it('drops a UTF-8 byte order mark', () => {
    const { text, encoding } = decode(utf8WithBom(TEXT));
    expect(encoding).toBe('utf-8');
    expect(text).toBe(TEXT);
  });

  it.each([1, 7, 4096])('gives the same text for chunks of %i bytes, whatever the encoding', (size) => {
    for (const bytes of [utf8(TEXT), utf8WithBom(TEXT), cp1252(TEXT)]) {
      expect(decode(bytes, size)).toEqual(decode(bytes));
    }
  });

  it('decides on the first accent even when it comes after a long ASCII start', () => {
    const text = `${'Ecole;Marseille\n'.repeat(2000)}Bouc-Bel-Air;École\n`;
    expect(decode(cp1252(text), 1000)).toEqual({ text, encoding: 'windows-1252' });
    expect(decode(utf8(text), 1000)).toEqual({ text, encoding: 'utf-8' });
  });

  it('keeps UTF-8 when the detection window ends inside a multi-byte character', () => {
    // 'é' takes 2 bytes and '€' 3: windows of 1025 bytes cut the last character of each.
    for (const char of ['é', '€']) {
      const text = char.repeat(DETECT_WINDOW_BYTES);
      expect(decode(utf8(text), DETECT_WINDOW_BYTES + 1)).toEqual({ text, encoding: 'utf-8' });
    }
  });

  it('decides on a short file only when it ends', () => {
    const decoder = createDecoder();
    const first = decoder.push(cp1252('Ecole;Ch'));
    const second = decoder.push(cp1252('âteau\n'));
    expect(first + second + decoder.end()).toBe('Ecole;Château\n');
    expect(decoder.encoding).toBe('windows-1252');
  });

  it('passes ASCII through at once, before any decision', () => {
    const decoder = createDecoder();
    expect(decoder.push(utf8('Identifiant;Nom\n'))).toBe('Identifiant;Nom\n');
  });
});
