// The classes of a generated school: levels split as schools do (one class per level, several "CP A", "CP B"
// or double levels "CE2-CM1" when few), halved CP and CE1 in éducation prioritaire, sometimes ULIS or UPE2A.
import type { ClassLevel } from '../model/types';
import { apportion } from './apportion';
import type { Random } from './prng';

export interface PlannedClass {
  /** Unique within its school. */
  label: string;
  levels: ClassLevel[];
  /** Plausible headcount range, both included. */
  pupils: readonly [number, number];
}

const ELEMENTARY: readonly ClassLevel[] = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];
const MATERNELLE: readonly ClassLevel[] = ['PS', 'MS', 'GS'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MATERNELLE_SHARE = 0.35;

interface SchoolProfile {
  maternelle: boolean;
  prioritaire: boolean;
}

function single(level: ClassLevel, count: number, pupils: readonly [number, number]): PlannedClass[] {
  if (count === 1) return [{ label: level, levels: [level], pupils }];
  return Array.from({ length: count }, (_, i) => ({ label: `${level} ${LETTERS.charAt(i)}`, levels: [level], pupils }));
}

/** `count` classes over consecutive `levels`: double levels when there are fewer classes than levels. */
function spread(
  levels: readonly ClassLevel[],
  count: number,
  pupilsOf: (level: ClassLevel) => readonly [number, number],
  weights: readonly number[],
): PlannedClass[] {
  if (count <= 0) return [];
  if (count < levels.length) {
    const sizes = apportion(new Array<number>(count).fill(1), levels.length);
    let next = 0;
    return sizes.map((size) => {
      const group = levels.slice(next, (next += size));
      return { label: group.join('-'), levels: group, pupils: [20, 26] as const };
    });
  }
  const counts = apportion(weights, count, 1);
  return levels.flatMap((level, i) => single(level, counts[i] ?? 0, pupilsOf(level)));
}

/** All `total` classes of a school (at least 1). */
export function planClasses(random: Random, total: number, school: SchoolProfile): PlannedClass[] {
  const planned: PlannedClass[] = [];
  const maternelle = school.maternelle && total >= 3 ? Math.max(1, Math.round(total * MATERNELLE_SHARE)) : 0;
  let elementary = total - maternelle;
  if (elementary >= 6 && random.chance(0.15)) {
    planned.push({ label: 'ULIS', levels: ['ULIS'], pupils: [8, 12] });
    elementary -= 1;
  }
  if (elementary >= 8 && random.chance(school.prioritaire ? 0.3 : 0.05)) {
    planned.push({ label: 'UPE2A', levels: ['UPE2A'], pupils: [6, 15] });
    elementary -= 1;
  }
  // Halved CP and CE1 in éducation prioritaire: twice as many classes of about 12 pupils.
  const halved = (level: ClassLevel) => school.prioritaire && (level === 'CP' || level === 'CE1');
  const elementaryPupils = (level: ClassLevel) => (halved(level) ? ([10, 14] as const) : ([21, 28] as const));
  const weights = ELEMENTARY.map((level) => (halved(level) ? 2 : 1));
  planned.unshift(
    ...spread(MATERNELLE, maternelle, () => [22, 28], [1, 1, 1]),
    ...spread(ELEMENTARY, elementary, elementaryPupils, weights),
  );
  return planned;
}

/** `count` of the planned classes (in school order), plus extra rooms when more fiches than classes are asked for. */
export function pickAudited(random: Random, planned: readonly PlannedClass[], count: number): PlannedClass[] {
  const order = planned.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const chosen = order.slice(0, count).sort((a, b) => a - b).map((i) => planned[i] as PlannedClass);
  for (let n = 1; chosen.length < count; n += 1) chosen.push({ label: `Salle ${n}`, levels: [], pupils: [0, 0] });
  return chosen;
}
