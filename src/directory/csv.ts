// Streaming RFC 4180 CSV parser: text comes in chunks cut anywhere, records go out one by one with the
// physical line they start on. Only the current record is held, plus the header line until the separator is
// known (';' or ',', whichever the header has more of outside quotes).

export type CsvSeparator = ';' | ',';
export type CsvRecordHandler = (fields: string[], line: number) => void;

export interface CsvParser {
  push(text: string): void;
  end(): void;
  readonly separator: CsvSeparator | undefined;
}

/** Past this many characters without a line break, the separator is decided on what was seen. */
export const HEADER_SCAN_MAX_CHARS = 1 << 20;

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SEMICOLON = 59;
const COMMA = 44;

export function createCsvParser(onRecord: CsvRecordHandler): CsvParser {
  let separator: CsvSeparator | undefined;
  let sep = SEMICOLON;
  // Header scan, before the separator is known.
  let head = '';
  let scanAt = 0;
  let scanInQuotes = false;
  let lineChars = 0;
  let semicolons = 0;
  let commas = 0;
  // Current record.
  let fields: string[] = [];
  let field = '';
  let quoted = false; // the current field opened with a quote
  let inQuotes = false;
  let closedQuote = false; // the previous character closed a quoted run: a quote now is a doubled quote
  let prevCR = false;
  let line = 1;
  let recordLine = 1;

  function decideSeparator(): void {
    separator = commas > semicolons ? ',' : ';';
    sep = separator === ',' ? COMMA : SEMICOLON;
    const text = head;
    head = '';
    parse(text);
  }

  function scanHeader(text: string): void {
    head += text;
    for (; scanAt < head.length; scanAt++) {
      const c = head.charCodeAt(scanAt);
      if (scanInQuotes) {
        if (c === QUOTE) scanInQuotes = false;
      } else if (c === CR || c === LF) {
        if (lineChars > 0) return decideSeparator();
      } else {
        lineChars++;
        if (c === QUOTE) scanInQuotes = true;
        else if (c === SEMICOLON) semicolons++;
        else if (c === COMMA) commas++;
      }
    }
    if (head.length > HEADER_SCAN_MAX_CHARS) decideSeparator();
  }

  function endRecord(lastField: string): void {
    fields.push(lastField);
    const record = fields;
    fields = [];
    field = '';
    quoted = false;
    onRecord(record, recordLine);
  }

  function lineBreak(text: string, seg: number, i: number): void {
    const empty = fields.length === 0 && field === '' && seg === i && !quoted;
    if (!empty) endRecord(field + text.slice(seg, i));
    line++;
    recordLine = line;
  }

  function parse(text: string): void {
    let seg = 0; // start of the run of characters not yet copied into `field`
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const wasCR = prevCR;
      prevCR = c === CR;
      if (inQuotes) {
        if (c === QUOTE) {
          field += text.slice(seg, i);
          seg = i + 1;
          inQuotes = false;
          closedQuote = true;
        } else if (c === CR || (c === LF && !wasCR)) {
          line++;
        }
        continue;
      }
      if (closedQuote) {
        closedQuote = false;
        // Doubled quote: back inside the quotes, this quote kept as a character (seg is at it).
        if (c === QUOTE) {
          inQuotes = true;
          continue;
        }
      }
      if (c === sep) {
        fields.push(field + text.slice(seg, i));
        field = '';
        quoted = false;
        seg = i + 1;
      } else if (c === CR || c === LF) {
        if (!(c === LF && wasCR)) lineBreak(text, seg, i);
        seg = i + 1;
      } else if (c === QUOTE && seg === i && field === '' && !quoted) {
        inQuotes = true;
        quoted = true;
        seg = i + 1;
      }
    }
    field += text.slice(seg);
  }

  return {
    get separator() {
      return separator;
    },
    push(text) {
      if (separator === undefined) scanHeader(text);
      else parse(text);
    },
    end() {
      if (separator === undefined) decideSeparator();
      if (fields.length > 0 || field !== '' || quoted) endRecord(field);
      inQuotes = false;
      closedQuote = false;
      prevCR = false;
    },
  };
}
