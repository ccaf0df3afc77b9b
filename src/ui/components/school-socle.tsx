// The school's gap to the socle: its classes, its own rules with the reason each one fails, what it needs and what
// that costs.
import { ruleDef, SEVERITY_LABELS } from '../../model/referential';
import type { ClassroomGap, RuleResult, SchoolGap, SchoolGaps } from '../../gaps/types';
import { costText, integer, OUTCOME_LABELS } from '../format';
import { count } from '../plural';
import { TableRegion } from './table-region';
import { needsByItem } from './needs-text';
import { NeedLines } from './need-lines';

const CLASSES_SOURCE: Record<NonNullable<SchoolGap['terminals']['classesSource']>, string> = {
  fiche: "selon la fiche de l'école",
  annuaire: "selon l'annuaire",
  'classes auditées': 'comptées parmi les classes saisies',
};

/** "Terminaux mobiles : 14 fonctionnels comptés, 30 requis pour 11 classes (selon la fiche de l'école)." */
export function terminalsText(t: SchoolGap['terminals']): string {
  if (t.counted === null) return "Terminaux mobiles : non renseignés (à saisir dans la fiche de l'école, « Flottes mobiles »).";
  const counted = `${count(t.counted, 'terminal fonctionnel compté', 'terminaux fonctionnels comptés')}`;
  if (t.required === null || t.classes === null) return `Terminaux mobiles : ${counted} ; le nombre requis dépend du nombre de classes, inconnu.`;
  const source = t.classesSource ? ` (${CLASSES_SOURCE[t.classesSource]})` : '';
  return `Terminaux mobiles : ${counted}, ${integer(t.required)} requis pour ${count(t.classes, 'classe')}${source}.`;
}

function Result({ r, settingsHref }: { r: RuleResult; settingsHref: string }) {
  const detail = r.reason ?? (r.missing.length > 0 ? r.missing.join(', ') : null);
  return (
    <td>
      {OUTCOME_LABELS[r.outcome]}
      {detail && ` : ${detail}`}
      {r.rule === 'E04' && r.outcome === 'not-evaluated' && (
        <>
          {' '}
          <a href={settingsHref}>Régler le seuil</a>
        </>
      )}
    </td>
  );
}

/** `gaps`: the school's, null while they are computed; `settingsHref`: where a threshold is set. */
export function SchoolSocle({ gaps, settingsHref }: { gaps: SchoolGaps | null; settingsHref: string }) {
  if (!gaps) return <p aria-busy="true">Calcul de l'écart au socle…</p>;
  const { school } = gaps;
  const classrooms = Object.values(gaps.classrooms);
  const verdict = school.meetsSocle === true ? 'Oui' : school.meetsSocle === false ? 'Non' : 'À compléter';
  const needs = needsByItem([...school.needs, ...classrooms.flatMap((c) => c.needs)]);
  return (
    <div class="school-socle">
      <p>
        <strong>École au socle : {verdict}.</strong> Classes au socle : {school.classroomsMeeting} sur{' '}
        {count(school.classrooms, 'classe saisie', 'classes saisies')}
        {school.classroomsUnknown > 0 && ` (${school.classroomsUnknown} à compléter)`}.
      </p>
      <p>{terminalsText(school.terminals)}</p>
      <TableRegion labelledBy="regles-ecole">
        <table>
          <caption id="regles-ecole">Règles de l'école (référentiel {gaps.referentialVersion})</caption>
          <thead>
            <tr><th scope="col">Règle</th><th scope="col">Intitulé</th><th scope="col">Niveau</th><th scope="col">Résultat</th></tr>
          </thead>
          <tbody>
            {school.rules.map((r) => (
              <tr key={r.rule}>
                <th scope="row">{r.rule}</th>
                <td>{ruleDef(r.rule).label}</td>
                <td>{SEVERITY_LABELS[ruleDef(r.rule).severity]}</td>
                <Result r={r} settingsHref={settingsHref} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {needs.length > 0 && (
        <TableRegion labelledBy="besoins-ecole">
          <table>
            <caption id="besoins-ecole">Besoins de l'école et de ses classes</caption>
            <NeedLines lines={needs} />
          </table>
        </TableRegion>
      )}
      <p>Besoin estimé : {costText(school.costHt, school.unpricedItems)}.</p>
    </div>
  );
}

/** A classroom's verdict in the school's list, with what it lacks: "Pas au socle : affichage collectif". */
export function classroomVerdict(gap: ClassroomGap | undefined): string | null {
  if (!gap) return null;
  if (gap.meetsSocle === true) return 'Au socle';
  if (gap.meetsSocle === null) return gap.recorded ? 'À compléter' : 'À compléter : rien de saisi';
  const lacking = gap.rules.filter((r) => r.outcome === 'fails' && ruleDef(r.rule).severity === 'required');
  return `Pas au socle : ${lacking.map((r) => ruleDef(r.rule).short.toLowerCase()).join(', ')}`;
}
