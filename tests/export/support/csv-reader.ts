// A small RFC 4180 reader for the export tests, independent of src/export/csv.ts: it reads the app's CSV (`;`,
// CRLF) and LibreOffice's (`;`, LF), and tells a quoted field from a bare one (LibreOffice quotes text cells).

export interface CsvField {
  value: string;
  /** The field was written between double quotes. */
  quoted: boolean;
}

export interface CsvReadOptions {
  separator?: string;
  /** The only line end allowed between records; a CR or LF anywhere else outside quotes is an error. */
  lineEnd?: '\r\n' | '\n';
}

/** Records of fields. A final line end is optional and makes no empty record; a bare field may not hold a quote. */
export function readCsv(text: string, options: CsvReadOptions = {}): CsvField[][] {
  const separator = options.separator ?? ';';
  const lineEnd = options.lineEnd ?? '\r\n';
  const records: CsvField[][] = [];
  if (text.length === 0) return records;
  let record: CsvField[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error(`unterminated quoted field at offset ${i}`);
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      record.push({ value, quoted: true });
    } else {
      let end = i;
      while (end < text.length && text[end] !== separator && text[end] !== '\r' && text[end] !== '\n') {
        if (text[end] === '"') throw new Error(`quote inside a bare field at offset ${end}`);
        end += 1;
      }
      record.push({ value: text.slice(i, end), quoted: false });
      i = end;
    }
    if (i >= text.length) {
      records.push(record);
      return records;
    }
    if (text[i] === separator) {
      i += 1;
    } else if (text.startsWith(lineEnd, i)) {
      records.push(record);
      record = [];
      i += lineEnd.length;
      if (i >= text.length) return records;
    } else {
      throw new Error(`unexpected ${JSON.stringify(text[i])} at offset ${i} (line ends must be ${JSON.stringify(lineEnd)})`);
    }
  }
}

/** The records' values only. */
export function csvValues(records: readonly CsvField[][]): string[][] {
  return records.map((r) => r.map((f) => f.value));
}
