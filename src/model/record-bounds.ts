// The bounds of a record that no field rule can see: how deep it nests and how many values it holds, checked before
// any rule runs, with a loop rather than recursion (a record sent may nest thousands deep); and its size as stored
// (sync.md: a record's canonical JSON is at most 64 KiB), checked once it is normalised.
import { frenchNumber } from './french-number';
import { fieldLabel } from './labels';
import type { FieldError } from './types';
import { excerpt, utf8Length } from './text';

/** The most bytes a record's canonical JSON may take as stored (sync.md). */
export const RECORD_MAX_BYTES = 65_536;
/** What a form's data may take: the record's bound less what the envelope (ids, author, dates) may need. */
export const DATA_MAX_BYTES = RECORD_MAX_BYTES - 2_048;
/** A valid record nests four deep (record → data → fleets → fleet); anything past this cannot be one. */
export const RECORD_MAX_DEPTH = 8;
/** A valid record holds at most about 500 values (50 fleets of 8); anything past this cannot be one. */
export const RECORD_MAX_VALUES = 2_000;

const KIB = 1_024;

/**
 * Why `value` cannot be a record whatever its fields say, or null: nested deeper than RECORD_MAX_DEPTH, or holding
 * more than RECORD_MAX_VALUES values. Iterative, and stops at the first bound passed: its cost is bounded too.
 */
export function shapeProblem(value: unknown, prefix = ''): FieldError | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: prefix }];
  let values = 0;
  while (stack.length > 0) {
    const { value: node, depth, path } = stack.pop() as (typeof stack)[number];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= RECORD_MAX_DEPTH) {
      return { path, message: `Fiche illisible : imbrication trop profonde sous ${path} (plus de ${RECORD_MAX_DEPTH} niveaux), ce n'est pas une fiche.` };
    }
    const keys = Array.isArray(node) ? null : Object.keys(node);
    values += keys === null ? (node as unknown[]).length : keys.length;
    if (values > RECORD_MAX_VALUES) {
      return { path: prefix, message: `Fiche illisible : plus de ${frenchNumber(RECORD_MAX_VALUES)} valeurs, ce n'est pas une fiche.` };
    }
    const entries = keys === null ? (node as unknown[]).map((item, index) => [String(index), item] as const) : keys.map((key) => [key, (node as Record<string, unknown>)[key]] as const);
    // Paths name the record's own fields: an unknown key is quoted by its start only.
    for (const [key, item] of entries) stack.push({ value: item, depth: depth + 1, path: path === '' ? excerpt(key) : `${path}.${excerpt(key)}` });
  }
  return null;
}

/**
 * The bytes of `value`'s canonical JSON. Sorting keys moves text, it adds none: JSON.stringify in the object's own
 * order has the same length, without the sorted copy. And a UTF-16 unit is at most 3 bytes of UTF-8, so a text whose
 * units, tripled, fit under `max` is not counted byte by byte (a usual fiche is a few kilobytes).
 */
function jsonBytesOver(value: unknown, max: number): number | null {
  const json = JSON.stringify(value);
  if (json.length * 3 <= max) return null;
  const bytes = utf8Length(json);
  return bytes <= max ? null : bytes;
}

/** Why `stored` (a record as it would be stored) is too large, or null. */
export function recordSizeProblem(stored: object): FieldError | null {
  const bytes = jsonBytesOver(stored, RECORD_MAX_BYTES);
  if (bytes === null) return null;
  const data = (stored as { data?: unknown }).data;
  return sizeError(bytes, RECORD_MAX_BYTES, largestText(data, 'data'));
}

/** Why a form's `data` is too large to be saved in a record, or null; named on its longest text, which the form shows. */
export function dataSizeProblem(data: unknown): FieldError | null {
  const bytes = jsonBytesOver(data, DATA_MAX_BYTES);
  return bytes === null ? null : sizeError(bytes, DATA_MAX_BYTES, largestText(data, 'data'));
}

function sizeError(bytes: number, max: number, path: string | null): FieldError {
  const size = `${frenchNumber(Math.ceil(bytes / KIB))} Kio une fois enregistrée, au plus ${frenchNumber(max / KIB)} Kio`;
  return path === null
    ? { path: '', message: `Fiche trop volumineuse : ${size}.` }
    : { path, message: `${fieldLabel(path)} : texte trop long pour la fiche (${size}) : raccourcissez-le.` };
}

/** The path of the longest text in a validated value (its depth bounded), or null when it holds none. */
function largestText(value: unknown, path: string): string | null {
  const texts: { path: string; bytes: number }[] = [];
  const visit = (node: unknown, at: string): void => {
    if (typeof node === 'string') texts.push({ path: at, bytes: utf8Length(node) });
    else if (node !== null && typeof node === 'object') for (const [key, item] of Object.entries(node)) visit(item, `${at}.${key}`);
  };
  visit(value, path);
  return texts.reduce<{ path: string; bytes: number } | null>((best, t) => (best === null || t.bytes > best.bytes ? t : best), null)?.path ?? null;
}
