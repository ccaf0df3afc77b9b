import { describe, expect, it } from 'vitest';
import { excerpt, graphemeCount, isBlankText, trimText, utf8Length } from '../../src/model/text';

describe('trimText', () => {
  it('trims spaces, line breaks and no-break spaces at either end, and keeps what is between as typed', () => {
    expect(trimText(' \t\n\u00a0CM1  B\u202f\r\n')).toBe('CM1  B');
  });

  it('trims the invisible characters a paste brings along like spaces: ZWSP, ZWNJ, ZWJ, word joiner, BOM', () => {
    expect(trimText('\u200b\u200c\u200d\u2060\ufeff CM1 B \u200b\ufeff')).toBe('CM1 B');
  });

  it('keeps a joiner inside a text: it makes one emoji of several', () => {
    const teacher = '👩\u200d🏫';
    expect(trimText(` ${teacher} `)).toBe(teacher);
  });

  it('trims a million spaces in linear time', () => {
    const started = performance.now();
    expect(trimText(`ok${' '.repeat(1_000_000)}`)).toBe('ok');
    expect(trimText(`o${' '.repeat(1_000_000)}k`)).toHaveLength(1_000_002);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('isBlankText', () => {
  it('says a text of spaces and zero-width characters is blank, and one with a visible character is not', () => {
    expect(isBlankText('')).toBe(true);
    expect(isBlankText(' \u200b\u2060\ufeff ')).toBe(true);
    expect(isBlankText('\u200b.')).toBe(false);
  });
});

describe('graphemeCount', () => {
  it('counts characters as a reader does: an emoji with its skin tone, a flag, a ZWJ sequence, an accent typed in two are one each', () => {
    expect(graphemeCount('👍🏽')).toBe(1);
    expect(graphemeCount('🇫🇷')).toBe(1);
    expect(graphemeCount('👨\u200d👩\u200d👧\u200d👦')).toBe(1);
    expect(graphemeCount('e\u0301')).toBe(1);
    expect(graphemeCount('😀'.repeat(31))).toBe(31);
  });

  it('counts plain text by its length, a CR LF as one line break', () => {
    expect(graphemeCount('CM1 B\tsalle\n12')).toBe(14);
    expect(graphemeCount('a\r\nb')).toBe(3);
  });
});

describe('utf8Length', () => {
  it('counts the bytes of UTF-8 without encoding', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', '👨\u200d👩\u200d👧\u200d👦', 'a\ud800b', '\udc00']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('excerpt', () => {
  it('quotes a long text by its start, never cutting an emoji in half', () => {
    expect(excerpt('court')).toBe('court');
    expect(excerpt('x'.repeat(100))).toBe(`${'x'.repeat(40)}…`);
    expect(excerpt(`${'x'.repeat(39)}😀😀`)).toBe(`${'x'.repeat(39)}…`);
  });
});
