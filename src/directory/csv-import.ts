// Wiring of a file's bytes to an importer: decoding, CSV parsing, the first record as the header and every
// other one as a row. Chunks can be cut anywhere; nothing but the current record is kept.
import { createCsvParser } from './csv';
import type { CsvSeparator } from './csv';
import { createDecoder } from './decode';
import type { TextEncodingName } from './decode';

export interface RecordSink {
  header(fields: string[], line: number): void;
  row(fields: string[], line: number): void;
}

export interface CsvImport {
  push(bytes: Uint8Array): void;
  end(): void;
  readonly encoding: TextEncodingName;
  readonly separator: CsvSeparator | undefined;
}

export function createCsvImport(sink: RecordSink): CsvImport {
  const decoder = createDecoder();
  let headerSeen = false;
  const parser = createCsvParser((fields, line) => {
    if (headerSeen) return sink.row(fields, line);
    headerSeen = true;
    sink.header(fields, line);
  });
  return {
    get encoding() {
      return decoder.encoding;
    },
    get separator() {
      return parser.separator;
    },
    push(bytes) {
      parser.push(decoder.push(bytes));
    },
    end() {
      parser.push(decoder.end());
      parser.end();
    },
  };
}
