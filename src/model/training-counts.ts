// A school's training needs counted by theme, for its printed fiche: how many of its classes ask for each theme (the
// theme itself or one of its sub-themes counts once), and whether the school fiche asks for it, sub-theme by sub-theme.
import { TRAINING_THEMES } from './training';

export interface TrainingDemand {
  id: string;
  label: string;
  /** Classes whose teacher asks for it. */
  classes: number;
  /** The school fiche asks for it. */
  school: boolean;
}

export interface ThemeDemand extends TrainingDemand {
  /** The sub-themes someone asks for, in the référentiel's order. */
  subThemes: TrainingDemand[];
}

function demand(id: string, label: string, school: ReadonlySet<string>, classes: ReadonlyArray<ReadonlySet<string>>, ids: readonly string[]): TrainingDemand {
  return { id, label, classes: classes.filter((asked) => ids.some((i) => asked.has(i))).length, school: ids.some((i) => school.has(i)) };
}

/** The themes someone asks for, in the référentiel's order; `classrooms`: each class's list of needs. */
export function countTrainingNeeds(schoolNeeds: readonly string[], classrooms: ReadonlyArray<readonly string[] | undefined>): ThemeDemand[] {
  const school = new Set(schoolNeeds);
  const classes = classrooms.map((needs) => new Set(needs ?? []));
  return TRAINING_THEMES.map((theme) => ({
    ...demand(theme.id, theme.label, school, classes, [theme.id, ...theme.subThemes.map((s) => s.id)]),
    subThemes: theme.subThemes.map((s) => demand(s.id, s.label, school, classes, [s.id])).filter((d) => d.classes > 0 || d.school),
  })).filter((d) => d.classes > 0 || d.school);
}
