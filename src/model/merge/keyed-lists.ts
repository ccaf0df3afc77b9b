// Lists whose items carry their own identity (records.md v2): a school's fleets by the `id` made when the fleet was
// added, a fiche's photos by the `sha256` of the image. The merge matches their items by it, never by position, and
// a path names an item by it, the same on every device: `data.fleets.<id>.count`, `data.photos.<sha256>.caption`.
import type { Fleet, Photo } from '../types';

export const KEYED_LISTS = { fleets: 'id', photos: 'sha256' } as const satisfies Record<string, keyof Fleet | keyof Photo>;
export type KeyedList = keyof typeof KEYED_LISTS;

type Item = Record<string, unknown>;

/** The keyed list a path from the record's root falls in (`data.photos.<sha256>…`), or undefined. */
export function keyedListOf(path: string): KeyedList | undefined {
  const list = /^data\.([^.]+)\./.exec(path)?.[1];
  return list !== undefined && Object.hasOwn(KEYED_LISTS, list) ? (list as KeyedList) : undefined;
}

/** The items of `list` in a record (`{ data: … }`), or none. */
export function itemsOf(record: unknown, list: KeyedList): Item[] {
  const items = (record as { data?: Record<string, unknown> } | null)?.data?.[list];
  return Array.isArray(items) ? (items as Item[]) : [];
}

/** The key of an item, when it has one. */
export function keyOf(item: unknown, list: KeyedList): string | undefined {
  const key = (item as Item | null)?.[KEYED_LISTS[list]];
  return typeof key === 'string' ? key : undefined;
}

/**
 * The item a `data.<list>.<key>[.<field>]` path names in a record, with its place there, or undefined. A key may hold
 * dots (a fleet id made elsewhere), an item's field never: the field is what follows the key.
 */
export function itemNamed(record: unknown, path: string): { list: KeyedList; index: number; field: string | undefined } | undefined {
  const list = keyedListOf(path);
  if (list === undefined) return undefined;
  const rest = path.slice(`data.${list}.`.length);
  for (const [index, item] of itemsOf(record, list).entries()) {
    const key = keyOf(item, list);
    if (key === undefined) continue;
    if (rest === key) return { list, index, field: undefined };
    const field = rest.startsWith(`${key}.`) ? rest.slice(key.length + 1) : '';
    if (field !== '' && !field.includes('.')) return { list, index, field };
  }
  return undefined;
}

/** `data.fleets.0.count` (validation names items by place) as `data.fleets.<id>.count` (by key), in `record`. */
export function byKey(record: unknown, path: string): string {
  const match = /^data\.([^.]+)\.(\d+)(\..+)?$/.exec(path);
  const list = match ? keyedListOf(path) : undefined;
  if (!match || list === undefined) return path;
  const key = keyOf(itemsOf(record, list)[Number(match[2])], list);
  return key === undefined ? path : `data.${list}.${key}${match[3] ?? ''}`;
}
