// The printed fiche's table of classrooms: what each one has, whether it meets the socle, and why not (the failing
// rules' reasons, in the référentiel's words).
import { ruleDef, type Severity } from '../../model/referential';
import { COMPUTER_LABELS, CONDITION_LABELS, DISPLAY_SHORT_LABELS, NETWORK_LABELS } from '../../model/labels';
import type { ClassroomData, ClassroomFiche, Condition } from '../../model/types';
import type { ClassroomGap } from '../../gaps/types';
import { TableRegion } from './table-region';

/** The severities that say why a classroom is not at the socle, or what to modernise; "hors socle" is left out. */
const LISTED: readonly Severity[] = ['required', 'warning'];

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function displayText({ type, year, condition }: ClassroomData['display']): string {
  return equipmentText(type === null ? null : type === 'none' ? 'Aucun' : capital(DISPLAY_SHORT_LABELS[type]), year, condition);
}

function computerText({ type, year, condition }: ClassroomData['computer']): string {
  return equipmentText(type === null ? null : COMPUTER_LABELS[type], year, condition);
}

const SOCLE_TEXT = { true: 'Oui', false: 'Non', null: 'À compléter' } as const;

/** "VPI (2016, en panne)", "Aucun", "non renseigné": the type, then what qualifies it. */
function equipmentText(label: string | null, year: number | null, condition: Condition | null): string {
  if (label === null) return 'non renseigné';
  if (label === 'Aucun') return label;
  const details = [year === null ? null : String(year), condition && condition !== 'working' ? CONDITION_LABELS[condition].toLowerCase() : null].filter(Boolean);
  return details.length > 0 ? `${label} (${details.join(', ')})` : label;
}

/**
 * Each failing rule on a line, named by its short name ("Affichage collectif : VPI de 2012 : plus de 8 ans, …";
 * a warning's name says it is one: "Ordinateur à moderniser"), then what is not recorded.
 */
function Why({ gap }: { gap: ClassroomGap | undefined }) {
  if (!gap) return <td>–</td>;
  const failing = gap.rules.filter((r) => r.outcome === 'fails' && LISTED.includes(ruleDef(r.rule).severity));
  const missing = [...new Set(gap.rules.filter((r) => r.outcome === 'unknown' && ruleDef(r.rule).severity === 'required').flatMap((r) => r.missing))];
  if (failing.length === 0 && missing.length === 0) return <td>–</td>;
  return (
    <td>
      <ul class="fiche-reasons">
        {failing.map((r) => (
          <li key={r.rule}>
            {ruleDef(r.rule).short} : {r.reason}
          </li>
        ))}
        {missing.length > 0 && <li>À renseigner : {missing.join(', ')}</li>}
      </ul>
    </td>
  );
}

export function FicheClassrooms({ classrooms, gaps }: { classrooms: readonly ClassroomFiche[]; gaps: Readonly<Record<string, ClassroomGap>> }) {
  if (classrooms.length === 0) return <p>Aucune classe saisie.</p>;
  return (
    <TableRegion labelledBy="fiche-classes">
      <table class="fiche-table fiche-classrooms">
        <thead>
          <tr>
            <th scope="col">Classe</th><th scope="col">Affichage</th><th scope="col">Ordinateur</th><th scope="col">Réseau</th>
            <th scope="col">Socle</th><th scope="col">Pourquoi</th>
          </tr>
        </thead>
        <tbody>
          {classrooms.map(({ id, data }) => {
            const gap = gaps[id];
            return (
              <tr key={id}>
                <th scope="row">{data.label}</th>
                <td>{displayText(data.display)}</td>
                <td>{computerText(data.computer)}</td>
                <td>{data.network.access ? NETWORK_LABELS[data.network.access] : 'non renseigné'}</td>
                <td>{gap ? SOCLE_TEXT[String(gap.meetsSocle) as keyof typeof SOCLE_TEXT] : '–'}</td>
                <Why gap={gap} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
