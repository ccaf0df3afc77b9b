// French counts: "1 école", "0 école", "2 écoles" (in French, 0 and 1 take the singular).
export function count(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('fr-FR')} ${n < 2 ? singular : pluralForm}`;
}
