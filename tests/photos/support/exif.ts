// What a tablet's camera writes into a photo, built by hand: an EXIF APP1 segment (TIFF header, IFD0 with the
// camera's make, Orientation and a GPSInfo pointer, then a GPS IFD with latitude and longitude), spliced into a JPEG
// right after its SOI; and a reader of a JPEG's segments to check what a re-encoded photo still carries. Plain bytes,
// no DOM: the test page and Node both run it.

/** Where the fixtures were "taken": Marseille, 43°17'47.16" N, 5°22'9.6" E, as a camera writes it (degrees, minutes, seconds). */
export const FIXTURE_LATITUDE: Rational[] = [[43, 1], [17, 1], [4716, 100]];
export const FIXTURE_LONGITUDE: Rational[] = [[5, 1], [22, 1], [960, 100]];
export const FIXTURE_CAMERA_MAKE = 'TNE13 appareil de test';

type Rational = [numerator: number, denominator: number];

const TYPE = { byte: 1, ascii: 2, short: 3, long: 4, rational: 5 } as const;

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** The value's bytes (little-endian), inline when 4 or fewer, else written after the IFD. */
  value: Uint8Array;
}

const le16 = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff]);
const le32 = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff]);
/** A string's bytes, NUL-terminated as EXIF writes its ASCII values. */
export const ascii = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)).concat(0));
const rationals = (values: Rational[]) => concat(values.flatMap(([n, d]) => [le32(n), le32(d)]));

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** One IFD at `offset` in the TIFF data: entries sorted by tag, values that do not fit in 4 bytes after it. */
function ifd(entries: Entry[], offset: number): Uint8Array {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  let dataAt = offset + 2 + sorted.length * 12 + 4;
  const table: Uint8Array[] = [le16(sorted.length)];
  const data: Uint8Array[] = [];
  for (const entry of sorted) {
    table.push(le16(entry.tag), le16(entry.type), le32(entry.count));
    if (entry.value.length <= 4) {
      const inline = new Uint8Array(4);
      inline.set(entry.value);
      table.push(inline);
    } else {
      table.push(le32(dataAt));
      data.push(entry.value);
      dataAt += entry.value.length + (entry.value.length % 2); // values start on a word boundary
      if (entry.value.length % 2) data.push(new Uint8Array(1));
    }
  }
  table.push(le32(0)); // no next IFD
  return concat([...table, ...data]);
}

/** An APP1 segment (marker and length included) with Orientation `orientation` and the fixture's GPS position. */
export function buildExifApp1(orientation: number): Uint8Array {
  const header = concat([new Uint8Array([0x49, 0x49, 0x2a, 0x00]), le32(8)]); // "II", 42, IFD0 at 8
  const make = ascii(FIXTURE_CAMERA_MAKE);
  const ifd0Entries = (gpsAt: number): Entry[] => [
    { tag: 0x010f, type: TYPE.ascii, count: make.length, value: make },
    { tag: 0x0112, type: TYPE.short, count: 1, value: le16(orientation) },
    { tag: 0x8825, type: TYPE.long, count: 1, value: le32(gpsAt) },
  ];
  // IFD0's length does not depend on the GPS IFD's offset: lay it out once to learn where the GPS IFD goes.
  const gpsAt = 8 + ifd(ifd0Entries(0), 8).length;
  const gps = ifd(
    [
      { tag: 0x0000, type: TYPE.byte, count: 4, value: new Uint8Array([2, 3, 0, 0]) },
      { tag: 0x0001, type: TYPE.ascii, count: 2, value: ascii('N') },
      { tag: 0x0002, type: TYPE.rational, count: 3, value: rationals(FIXTURE_LATITUDE) },
      { tag: 0x0003, type: TYPE.ascii, count: 2, value: ascii('E') },
      { tag: 0x0004, type: TYPE.rational, count: 3, value: rationals(FIXTURE_LONGITUDE) },
    ],
    gpsAt,
  );
  const tiff = concat([header, ifd(ifd0Entries(gpsAt), 8), gps]);
  const body = concat([ascii('Exif'), new Uint8Array([0]), tiff]); // "Exif\0\0"
  return concat([new Uint8Array([0xff, 0xe1]), be16(body.length + 2), body]);
}

const be16 = (n: number) => new Uint8Array([(n >> 8) & 0xff, n & 0xff]);

/** `jpeg` with `app1` inserted right after its SOI, where a camera writes it. */
export function spliceAfterSoi(jpeg: Uint8Array, app1: Uint8Array): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG: no SOI');
  return concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

export interface JpegSegment {
  /** The marker's second byte: 0xe0 for APP0, 0xe1 for APP1, 0xdb for DQT… */
  marker: number;
  /** Where its payload starts (after the marker and the length). */
  payloadAt: number;
  /** The first bytes of its payload as ASCII, where an APPn names itself ("JFIF", "Exif", "ICC_PROFILE"). */
  name: string;
  length: number;
}

/** The segments before the image data (up to and including SOS). */
export function jpegSegments(jpeg: Uint8Array): JpegSegment[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG: no SOI');
  const segments: JpegSegment[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) throw new Error(`not a marker at byte ${at}`);
    const marker = jpeg[at + 1] as number;
    const length = ((jpeg[at + 2] as number) << 8) | (jpeg[at + 3] as number);
    const payload = jpeg.subarray(at + 4, at + 4 + Math.min(length - 2, 12));
    const name = String.fromCharCode(...payload).split('\0')[0] ?? '';
    segments.push({ marker, payloadAt: at + 4, name, length });
    if (marker === 0xda) break;
    at += 2 + length;
  }
  return segments;
}

/** The size a JPEG's frame header (SOF0 to SOF3) gives: the pixels as stored, before any EXIF orientation. */
export function jpegDimensions(jpeg: Uint8Array): { width: number; height: number } {
  const sof = jpegSegments(jpeg).find((s) => s.marker >= 0xc0 && s.marker <= 0xc3);
  if (!sof) throw new Error('no frame header');
  const at = sof.payloadAt + 1; // after the sample precision
  const word = (i: number) => ((jpeg[i] as number) << 8) | (jpeg[i + 1] as number);
  return { height: word(at), width: word(at + 2) };
}

/** The fixture's latitude as its GPS IFD stores it: 24 bytes no image data is likely to hold by chance. */
export const FIXTURE_LATITUDE_BYTES = rationals(FIXTURE_LATITUDE);

/** Whether `needle` occurs anywhere in `haystack`. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
