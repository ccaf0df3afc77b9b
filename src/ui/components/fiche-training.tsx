// The printed fiche's training needs: each theme asked for, how many classes ask for it, whether the school fiche
// does, and the sub-themes named.
import type { ThemeDemand, TrainingDemand } from '../../model/training-counts';
import { count } from '../plural';
import { TableRegion } from './table-region';

/** "Robotique et programmation (3 classes, école)". */
function subThemeText(d: TrainingDemand): string {
  const who = [d.classes > 0 ? count(d.classes, 'classe') : null, d.school ? 'école' : null].filter(Boolean);
  return `${d.label} (${who.join(', ')})`;
}

export function FicheTraining({ themes }: { themes: readonly ThemeDemand[] }) {
  if (themes.length === 0) return <p>Aucun besoin de formation saisi.</p>;
  return (
    <TableRegion labelledBy="fiche-formation">
      <table class="fiche-table fiche-training">
        <thead>
          <tr>
            <th scope="col">Thème</th><th scope="col" class="number">Classes</th><th scope="col">Fiche de l'école</th>
            <th scope="col">Sous-thèmes demandés</th>
          </tr>
        </thead>
        <tbody>
          {themes.map((theme) => (
            <tr key={theme.id}>
              <th scope="row">{theme.label}</th>
              <td class="number">{theme.classes}</td>
              <td>{theme.school ? 'Oui' : 'Non'}</td>
              <td>{theme.subThemes.length > 0 ? theme.subThemes.map(subThemeText).join(' ; ') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
