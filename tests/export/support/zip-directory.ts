// The central directory of a zip, read by the tests' own few lines (APPNOTE 4.3.12, 4.3.16), independent of fflate:
// each entry's name as bytes and text, its flags (bit 11: the name is UTF-8), method (0 stored, 8 deflated) and sizes.
export interface ZipDirectoryEntry {
  name: string;
  utf8: boolean;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  /** DOS time and date fields (APPNOTE 4.4.6), as written. */
  time: number;
  date: number;
  /** The entry's local header agrees with the central record on its name and method. */
  localAgrees: boolean;
}

export function zipDirectory(zip: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipDirectoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`no central record at ${at}`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    const localName = zip.subarray(local + 30, local + 30 + view.getUint16(local + 26, true));
    entries.push({
      name: new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes),
      utf8: (flags & 0x800) !== 0,
      method,
      crc: view.getUint32(at + 16, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localAgrees: view.getUint32(local, true) === 0x04034b50 && view.getUint16(local + 8, true) === method
        && Buffer.from(localName).equals(Buffer.from(nameBytes)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
