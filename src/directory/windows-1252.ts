// Windows-1252 decoding that does not trust the platform for bytes 0x80–0x9F: Node 20.18.3 and later decode
// them as Latin-1 control characters (nodejs/node#56542, #60888), where Windows-1252 has '€', '’', '–', 'œ'…
// A single-byte encoding needs no state between chunks.

// WHATWG index-windows-1252 for 0x80–0x9F; the five unassigned bytes keep their Latin-1 code point.
const HIGH_CONTROLS = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const C1_CONTROLS = /[\u0080-\u009f]/g;
const platformDecoder = new TextDecoder('windows-1252');

function windows1252Char(c1: string): string {
  return String.fromCharCode(HIGH_CONTROLS[c1.charCodeAt(0) - 0x80] as number);
}

export function decodeWindows1252(bytes: Uint8Array): string {
  return platformDecoder.decode(bytes).replace(C1_CONTROLS, windows1252Char);
}
