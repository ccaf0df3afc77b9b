// Streaming text decoding of an imported CSV: UTF-8 (with or without BOM) or Windows-1252, detected from the
// bytes. Until the first non-ASCII byte both encodings read the same, so ASCII is passed through at once and
// the decision is taken on a window of bytes starting at that first non-ASCII byte. The window is counted in
// bytes, not in chunks: the result does not depend on how the file was cut.
import { decodeWindows1252 } from './windows-1252';

export type TextEncodingName = 'utf-8' | 'windows-1252';

export interface StreamDecoder {
  push(bytes: Uint8Array): string;
  end(): string;
  readonly encoding: TextEncodingName;
}

/** Bytes looked at, from the first non-ASCII one, to tell UTF-8 from Windows-1252. */
export const DETECT_WINDOW_BYTES = 1024;

const ASCII_LIMIT = 0x80;
const asciiDecoder = new TextDecoder('utf-8');

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= ASCII_LIMIT) return i;
  return -1;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Length of `bytes` without a UTF-8 sequence cut at its end (that sequence may finish in the next chunk). */
function withoutCutSequence(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, complete ? bytes.length : withoutCutSequence(bytes)));
    return true;
  } catch {
    return false;
  }
}

type ChunkDecoder = (bytes: Uint8Array, stream: boolean) => string;

function chunkDecoder(encoding: TextEncodingName, atStart: boolean): ChunkDecoder {
  if (encoding === 'windows-1252') return decodeWindows1252;
  // A BOM is dropped only at the very start of the file.
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: !atStart });
  return (bytes, stream) => utf8.decode(bytes, { stream });
}

export function createDecoder(): StreamDecoder {
  let decoder: ChunkDecoder | null = null;
  let encoding: TextEncodingName = 'utf-8';
  let offset = 0; // bytes passed through as ASCII before the decision
  let pending: Uint8Array[] = [];
  let pendingLength = 0;

  function decide(sample: Uint8Array, complete: boolean): void {
    const bom = offset === 0 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
    encoding = bom || isUtf8(sample, complete) ? 'utf-8' : 'windows-1252';
    decoder = chunkDecoder(encoding, offset === 0);
  }

  function flushPending(complete: boolean): string {
    const sample = concat(pending, pendingLength);
    pending = [];
    pendingLength = 0;
    decide(sample, complete);
    return (decoder as ChunkDecoder)(sample, !complete);
  }

  return {
    get encoding() {
      return encoding;
    },
    push(bytes) {
      if (decoder) return decoder(bytes, true);
      if (pendingLength === 0) {
        const at = firstNonAscii(bytes);
        if (at < 0) {
          offset += bytes.length;
          return asciiDecoder.decode(bytes);
        }
        const ascii = asciiDecoder.decode(bytes.subarray(0, at));
        offset += at;
        pending.push(bytes.slice(at)); // copied: the caller may reuse its buffer
        pendingLength = bytes.length - at;
        return pendingLength >= DETECT_WINDOW_BYTES ? ascii + flushPending(false) : ascii;
      }
      pending.push(bytes.slice());
      pendingLength += bytes.length;
      return pendingLength >= DETECT_WINDOW_BYTES ? flushPending(false) : '';
    },
    end() {
      if (decoder) return decoder(new Uint8Array(0), false);
      return pendingLength > 0 ? flushPending(true) : '';
    },
  };
}
