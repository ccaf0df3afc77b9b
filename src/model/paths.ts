// Reading and writing plain data by dotted path (`computer.year`, `fleets.0.count`), without mutating.

export function getAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function hasPath(root: unknown, path: string): boolean {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.length === 0 ? root : getAt(root, keys.join('.'));
  return parent !== null && typeof parent === 'object' && last in parent;
}

/** A copy of `root` with `value` at `path`; the objects and arrays on the way are copied, the rest shared. */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  const node = (root ?? {}) as Record<string, unknown>;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string, unknown>;
  copy[key] = rest.length === 0 ? value : setAt(node[key], rest.join('.'), value);
  return copy as T;
}
