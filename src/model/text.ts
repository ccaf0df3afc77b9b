// Text as a reader sees it (sync.md, "Lengths of text"): trimmed of spaces and of the invisible characters a paste
// brings along, so that blank means blank, and counted in characters as they appear on screen (grapheme clusters),
// so that an emoji or an accent typed as two code points counts once. Every loop here is linear: no regex that can
// backtrack over a long run of spaces.

/** Characters that show nothing and are trimmed like spaces: zero-width space, ZWNJ, ZWJ, word joiner, BOM. */
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const SPACE = /\s/;

function isTrimmed(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  if (code < 0x80) return false;
  return INVISIBLE.has(code) || SPACE.test(String.fromCharCode(code));
}

/** `text` without the spaces and invisible characters at either end; what is between is kept as typed. */
export function trimText(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmed(text.charCodeAt(start))) start += 1;
  while (end > start && isTrimmed(text.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** True when `text` holds nothing a reader can see at its ends or between them: only spaces and invisibles. */
export function isBlankText(text: string): boolean {
  return trimText(text) === '';
}

let segmenter: Intl.Segmenter | undefined;
// Printable ASCII, tabs and line feeds: one character per code unit (only CR LF would join, and CR is not here).
const ONE_UNIT_EACH = /^[\t\n\x20-\x7e]*$/;

/** How many characters a reader counts in `text`: its grapheme clusters ("é" typed as e + accent is one, 👍🏽 is one). */
export function graphemeCount(text: string): number {
  if (ONE_UNIT_EACH.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter('fr', { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

/** The bytes `text` takes in UTF-8 (a stored record's size), without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** At most `max` code units of `text` for a message, "…" when cut, never half a surrogate pair: a value sent is
 * quoted, never echoed whole. */
export function excerpt(text: string, max = 40): string {
  if (text.length <= max) return text;
  const cut = (text.charCodeAt(max - 1) & 0xfc00) === 0xd800 ? max - 1 : max;
  return `${text.slice(0, cut)}…`;
}
