// The school's gap to the socle: its classes, its own rules, what it needs and what that costs.
import { gapReport } from '../../state/gaps';
import { ruleDef, SEVERITY_LABELS } from '../../model/referential';
import type { ClassroomGap, Need, SchoolGap } from '../../gaps/types';
import { costText, eurosCents, integer, OUTCOME_LABELS } from '../format';
import { TableRegion } from './table-region';

const CLASSES_SOURCE: Record<NonNullable<SchoolGap['terminals']['classesSource']>, string> = {
  fiche: "fiche de l'école",
  annuaire: 'annuaire',
  'classes auditées': 'classes auditées',
};

/** The school's needs and its classrooms', one line per article. */
function needsByItem(school: SchoolGap, classrooms: readonly ClassroomGap[]): Need[] {
  const byItem = new Map<string, Need>();
  for (const n of [...school.needs, ...classrooms.flatMap((c) => c.needs)]) {
    const line = byItem.get(n.item);
    if (!line) byItem.set(n.item, { ...n });
    else {
      line.quantity += n.quantity;
      line.amountHt = line.amountHt === null || n.amountHt === null ? null : line.amountHt + n.amountHt;
    }
  }
  return [...byItem.values()];
}

export function SchoolSocle({ uai }: { uai: string }) {
  const report = gapReport.value;
  const school = report?.schools[uai];
  if (!report || !school) return <p aria-busy="true">Calcul de l'écart au socle…</p>;
  const classrooms = Object.values(report.classrooms).filter((c) => c.uai === uai);
  const verdict = school.meetsSocle === true ? 'Oui' : school.meetsSocle === false ? 'Non' : 'À compléter';
  const needs = needsByItem(school, classrooms);
  const t = school.terminals;
  return (
    <div class="school-socle">
      <p>
        <strong>École au socle : {verdict}.</strong> Classes au socle : {school.classroomsMeeting} sur {school.classrooms} auditée
        {school.classrooms > 1 ? 's' : ''}
        {school.classroomsUnknown > 0 && ` (${school.classroomsUnknown} à compléter)`}.
      </p>
      <p>
        Terminaux mobiles : {t.counted ?? '?'} comptés
        {t.required !== null && ` sur ${t.required} requis`}
        {t.classes !== null && t.classesSource && ` (${t.classes} classes selon ${CLASSES_SOURCE[t.classesSource]})`}.
      </p>
      <TableRegion labelledBy="regles-ecole">
        <table>
          <caption id="regles-ecole">Règles de l'école (référentiel {report.referentialVersion})</caption>
          <thead>
            <tr><th scope="col">Règle</th><th scope="col">Intitulé</th><th scope="col">Niveau</th><th scope="col">Résultat</th></tr>
          </thead>
          <tbody>
            {school.rules.map((r) => (
              <tr key={r.rule}>
                <th scope="row">{r.rule}</th>
                <td>{ruleDef(r.rule).label}</td>
                <td>{SEVERITY_LABELS[ruleDef(r.rule).severity]}</td>
                <td>{OUTCOME_LABELS[r.outcome]}{r.missing.length > 0 && ` : ${r.missing.join(', ')}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {needs.length > 0 && (
        <TableRegion labelledBy="besoins-ecole">
          <table>
            <caption id="besoins-ecole">Besoins de l'école et de ses classes</caption>
            <thead>
              <tr><th scope="col">Article</th><th scope="col" class="number">Quantité</th><th scope="col" class="number">Prix unitaire HT</th><th scope="col" class="number">Montant HT</th></tr>
            </thead>
            <tbody>
              {needs.map((n) => (
                <tr key={n.item}>
                  <th scope="row">{n.label}</th>
                  <td class="number">{integer(n.quantity)}</td>
                  <td class="number">{n.unitPriceHt === null ? 'non chiffré' : eurosCents(n.unitPriceHt)}</td>
                  <td class="number">{n.amountHt === null ? 'non chiffré' : eurosCents(n.amountHt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p>Besoin estimé : {costText(school.costHt, school.unpricedItems)}.</p>
    </div>
  );
}

/** A classroom's verdict in the school's list. */
export function classroomVerdict(id: string): string | null {
  const gap = gapReport.value?.classrooms[id];
  if (!gap) return null;
  return gap.meetsSocle === true ? 'Au socle' : gap.meetsSocle === false ? 'Pas au socle' : 'À compléter';
}
