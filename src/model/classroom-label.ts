// The label proposed for a new classroom: the one after the copied classroom's ("CM1 A" → "CM1 B",
// "Salle 12" → "Salle 13"), or "Classe N"; never one already taken in the school.

function following(label: string): string | undefined {
  const number = /^(.*?)(\d+)$/.exec(label);
  if (number) return `${number[1]}${Number(number[2]) + 1}`;
  const letter = /^(.*\s)([A-Ya-y])$/.exec(label);
  if (letter) return `${letter[1]}${String.fromCharCode((letter[2] as string).charCodeAt(0) + 1)}`;
  return undefined;
}

export function nextClassroomLabel(copiedLabel: string | undefined, taken: readonly string[]): string {
  const used = new Set(taken.map((label) => label.trim().toLowerCase()));
  const free = (label: string) => !used.has(label.toLowerCase()) && label.length <= 60;
  let candidate = copiedLabel === undefined ? undefined : following(copiedLabel);
  for (let i = 0; candidate !== undefined && i < 100; i += 1) {
    if (free(candidate)) return candidate;
    candidate = following(candidate);
  }
  for (let n = taken.length + 1; ; n += 1) {
    if (free(`Classe ${n}`)) return `Classe ${n}`;
  }
}
