// Labels sorted as people read them: numbers inside by value, case and accents ignored ("Marseille 1er",
// "Marseille 2e", "Marseille 10e"; "CE1", "CE2"; "Classe 2" before "Classe 10").
const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

export const naturalCompare = (a: string, b: string): number => collator.compare(a, b);
