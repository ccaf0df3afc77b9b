// Dotted paths of a record's fields as types (`display.year`, `fleets.${number}.count`): a form that binds a path
// that does not exist, or binds a field to an input of another type, does not compile. `paths.ts` walks them.

type Key<T> = Extract<keyof T, string>;
type Index = `${number}`;

/** Every path into T: each field, each nested field, and each item of a list by its index. */
export type FieldPath<T> = T extends readonly (infer Item)[]
  ? Index | `${Index}.${FieldPath<Item>}`
  : T extends object
    ? { [K in Key<T>]-?: K | `${K}.${FieldPath<NonNullable<T[K]>>}` }[Key<T>]
    : never;

type Child<T, K extends string> = T extends readonly (infer Item)[]
  ? K extends Index ? Item : never
  : K extends keyof T ? T[K] : never;

/** The type of the value at `P` in T. */
export type ValueAt<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? ValueAt<NonNullable<Child<T, Head>>, Rest>
  : Child<T, P>;

/** The paths that name a field whatever the item of a list (`fleets.count`): what labels are keyed by. */
export type LabelPath<T> = T extends readonly (infer Item)[]
  ? LabelPath<Item>
  : T extends object
    ? { [K in Key<T>]-?: K | `${K}.${LabelPath<NonNullable<T[K]>>}` }[Key<T>]
    : never;

/**
 * What a form may hold while it is typed: any single value may be empty (null) until the user answers, even where
 * the record requires one (a fleet just added has no type yet). Lists keep their shape; their items are forms too.
 */
export type FormData<T> = T extends readonly (infer Item)[]
  ? [Item] extends [object] ? FormData<Item>[] : T
  : T extends object
    ? { [K in keyof T]: FormData<T[K]> }
    : T | null;

/** A path without its list indexes (`fleets.1.count` → `fleets.count`), as labels are keyed. */
export function labelPath(path: string): string {
  return path.split('.').filter((part) => !/^\d+$/.test(part)).join('.');
}
