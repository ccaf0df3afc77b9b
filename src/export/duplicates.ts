// "Doublon possible" (export.md): classroom fiches of one school with the same label, from different devices.
// Both rows are kept and both are marked: the reader decides which one describes the room.

export interface ClassroomOrigin {
  id: string;
  uai: string;
  label: string;
  /** The device that created the fiche; undefined when nobody knows (counted as one more device). */
  device: string | undefined;
}

/** "CM1 B", "cm1  b " and "CM1 b" name one room. */
export function sameLabelKey(label: string): string {
  return label.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');
}

/** The ids of the fiches that share a school and a label with a fiche from another device. */
export function possibleDuplicates(classrooms: Iterable<ClassroomOrigin>): Set<string> {
  const groups = new Map<string, ClassroomOrigin[]>();
  for (const c of classrooms) {
    const key = `${c.uai}\u0000${sameLabelKey(c.label)}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const marked = new Set<string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const devices = new Set(group.map((c) => c.device ?? `?${c.id}`));
    if (devices.size > 1) for (const c of group) marked.add(c.id);
  }
  return marked;
}
