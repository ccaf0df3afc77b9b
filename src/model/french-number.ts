// Numbers in the messages a user reads, written the French way: decimal comma and a narrow space between
// thousands ("entre 0,5 et 256", "entre 0 et 100 000"), as the counts of the screens (ui/plural.ts) are.

/** 0.5 → "0,5"; 100000 → "100 000" (U+202F). Years are not numbers to group: write them with String(). */
export function frenchNumber(n: number): string {
  return n.toLocaleString('fr-FR', { maximumFractionDigits: 20 });
}
