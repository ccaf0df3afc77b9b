// One school's audit: the school fiche first, then its classrooms (add, copy, delete with undo), then its gap to
// the socle and its needs.
import { useEffect, useRef } from 'preact/hooks';
import { auditOf } from '../../state/audits';
import { campaign } from '../../state/session';
import { schoolsByUai } from '../../state/directory';
import { schoolGapsOf, showSchoolGaps } from '../../state/gaps';
import { navigate, routeHash } from '../../state/route';
import { addClassroom, copyClassroom, deleteClassroom, lastDeleted, returnToClassrooms, undoDelete } from '../../state/school-audit';
import { newSchoolData } from '../../state/new-school';
import { DISPLAY_LABELS, COMPUTER_LABELS, NETWORK_LABELS } from '../../model/labels';
import { chefDeFileLabel } from '../../territory/territory';
import { referential } from '../../state/referential';
import type { ClassroomFiche } from '../../model/types';
import { useFicheEditor } from '../use-editor';
import { SaveIndicator } from '../components/save-indicator';
import { SchoolForm } from './school-form';
import { AuditStatusField } from './audit-status-field';
import { DemoNotice } from '../components/demo-notice';
import { SchoolSocle, classroomVerdict } from '../components/school-socle';
import { ficheSyncText } from '../sync-indicator';
import { outboxState } from '../../state/sync';
import { schoolFicheId } from '../../model/sync-protocol';

export function SchoolScreen({ uai }: { uai: string }) {
  const school = schoolsByUai.value.get(uai);
  const audit = auditOf(uai);
  // Derived (sync.md v2): every tablet auditing this school writes this same fiche.
  const ref = { id: schoolFicheId(campaign.value, uai), kind: 'school' as const, uai, campaign: campaign.value };
  // A new school fiche proposes today's date and the directory's number of classes; it is saved on the first edit.
  const editor = useFicheEditor(ref, () => newSchoolData(school));
  useEffect(() => () => void (lastDeleted.value = null), [uai]); // the undo is offered on this screen only
  useEffect(() => showSchoolGaps(uai), [uai]);
  const title = school?.name ?? `École ${uai}`;
  return (
    <main id="contenu" class="form-screen">
      <p class="breadcrumb">
        <a href={routeHash({ screen: 'schools' })}>← Écoles</a>
      </p>
      <h1>{title}</h1>
      <p class="school-meta">
        UAI {uai}
        {school && (
          <>
            {' · '}
            {school.commune} · {school.circonscription} · {chefDeFileLabel(referential.value.territory, school.chefDeFile)}
            {school.educationPrioritaire && ` · ${school.educationPrioritaire}`}
            {school.source === 'demo' && <DemoNotice />}
          </>
        )}
      </p>
      {!school && <p class="warning">Cette école n'est pas dans l'annuaire de l'appareil.</p>}
      {school?.leftDirectory && <p class="warning">Cette école n'est plus dans l'annuaire importé ; elle reste affichée car des fiches s'y rattachent.</p>}
      {school && !school.leftDirectory && !school.open && <p class="warning">Cette école est fermée selon l'annuaire.</p>}
      {editor instanceof Error && (
        <p role="alert" class="warning">
          La fiche de l'école n'a pas pu être lue sur l'appareil. Rechargez la page ; rien de ce qui a été enregistré n'est perdu.
        </p>
      )}
      {editor && !(editor instanceof Error) && (
        <>
          <SaveIndicator autosave={editor.autosave} errorCount={editor.errors.value.size} />
          <AuditStatusField editor={editor} classrooms={audit.classrooms.length} directoryClasses={school?.classes ?? null} />
        </>
      )}
      <section aria-labelledby="s-fiche-ecole">
        <h2 id="s-fiche-ecole">Fiche de l'école</h2>
        {audit.school && <SchoolFicheSync id={ref.id} />}
        {editor instanceof Error ? null : editor ? <SchoolForm editor={editor} /> : <p aria-busy="true">Chargement…</p>}
      </section>
      <Classrooms uai={uai} classrooms={audit.classrooms} />
      <section aria-labelledby="s-socle-ecole">
        <h2 id="s-socle-ecole">Socle numérique et besoins de l'école</h2>
        <Socle uai={uai} />
        <p>
          <a class="button secondary" href={routeHash({ screen: 'school-print', uai })}>Imprimer la fiche de l'école</a>
        </p>
      </section>
    </main>
  );
}

/** Where the school fiche is with the server; held "À arbitrer", the way to the screen that settles it. */
function SchoolFicheSync({ id }: { id: string }) {
  const state = outboxState.value;
  if (state.get(id)?.state === 'arbitrate') {
    return (
      <p class="warning fiche-sync">
        Fiche de l'école à arbitrer : modifiée ici et sur une autre tablette.{' '}
        <a href={routeHash({ screen: 'arbitrage' })}>Choisir les valeurs à garder</a>
      </p>
    );
  }
  const text = ficheSyncText(state, id);
  return <p class="fiche-sync">Fiche de l'école : {text.charAt(0).toLowerCase() + text.slice(1)}</p>;
}

/** Apart, so that the gap report's updates render this section only, not the school's form. */
function Socle({ uai }: { uai: string }) {
  return <SchoolSocle gaps={schoolGapsOf(uai)} settingsHref={routeHash({ screen: 'settings' })} />;
}

function summary(c: ClassroomFiche): string {
  const d = c.data;
  return [
    d.levels.join(', '),
    `Affichage : ${d.display.type ? DISPLAY_LABELS[d.display.type] : 'non renseigné'}`,
    `Ordinateur : ${d.computer.type ? COMPUTER_LABELS[d.computer.type] : 'non renseigné'}`,
    `Réseau : ${d.network.access ? NETWORK_LABELS[d.network.access] : 'non renseigné'}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Back from a classroom's form: the list of classrooms at the top of the screen, with the focus on it. */
function useReturnToList(uai: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (returnToClassrooms.value !== uai) return;
    returnToClassrooms.value = null;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [uai]);
  return heading;
}

function Classrooms({ uai, classrooms }: { uai: string; classrooms: ClassroomFiche[] }) {
  const heading = useReturnToList(uai);
  const latest = classrooms[classrooms.length - 1];
  const open = (fiche: ClassroomFiche) => navigate({ screen: 'classroom', uai, id: fiche.id });
  const deleted = lastDeleted.value;
  const gaps = schoolGapsOf(uai)?.classrooms;
  return (
    <section aria-labelledby="s-classes" class="classrooms">
      <h2 id="s-classes" tabIndex={-1} ref={heading}>Classes saisies ({classrooms.length})</h2>
      <div class="actions">
        <button type="button" class="button" onClick={async () => open(await addClassroom(uai))}>
          Ajouter une classe
        </button>
        {latest && (
          <button type="button" class="button secondary" onClick={async () => open(await copyClassroom(latest.id))}>
            Copier la dernière classe saisie ({latest.data.label})
          </button>
        )}
      </div>
      {classrooms.length === 0 && <p>Aucune classe pour l'instant.</p>}
      <ol class="classroom-list">
        {classrooms.map((c) => {
          const verdict = classroomVerdict(gaps?.[c.id]);
          return (
            <li key={c.id}>
              <a href={routeHash({ screen: 'classroom', uai, id: c.id })} class="classroom-link">
                <strong>{c.data.label}</strong>
                <span>{summary(c)}</span>
                {verdict && <span class="classroom-verdict">{verdict}</span>}
                <span class="fiche-sync">{ficheSyncText(outboxState.value, c.id)}</span>
              </a>
              <div class="row-actions">
                {outboxState.value.get(c.id)?.state === 'arbitrate' && (
                  <a class="button secondary" href={routeHash({ screen: 'arbitrage' })}>
                    Arbitrer <span class="visually-hidden">{c.data.label}</span>
                  </a>
                )}
                <button type="button" class="button danger" onClick={() => void deleteClassroom(c.id)}>
                  Supprimer <span class="visually-hidden">{c.data.label}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div role="status" class="toast-region">
        {deleted && (
          <p class="toast">
            Classe « {deleted.label} » supprimée.{' '}
            <button type="button" class="button secondary" onClick={() => void undoDelete()}>
              Annuler la suppression
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
