// One school's audit: its status, its classrooms (add, copy, delete with undo) and the school fiche.
import { useEffect, useMemo } from 'preact/hooks';
import type { AuditDb } from '../../storage/db';
import { auditOf } from '../../state/audits';
import { campaign } from '../../state/session';
import { schoolsByUai } from '../../state/directory';
import { navigate, routeHash } from '../../state/route';
import { addClassroom, copyClassroom, deleteClassroom, lastDeleted, undoDelete } from '../../state/school-audit';
import { makeSchoolData } from '../../model/make';
import { STATUS_LABELS, DISPLAY_LABELS, COMPUTER_LABELS, NETWORK_LABELS } from '../../model/labels';
import { CHEF_DE_FILE_LABELS } from '../../model/school';
import type { Author, ClassroomFiche, SchoolStatus } from '../../model/types';
import { bind, options } from '../bind';
import { useFicheEditor } from '../use-editor';
import { SegmentedField } from '../components/segmented-field';
import { SaveIndicator } from '../components/save-indicator';
import { SchoolForm } from './school-form';
import { DemoNotice } from '../components/demo-notice';
import { SchoolSocle, classroomVerdict } from '../components/school-socle';
import { ficheSyncText } from '../components/sync-indicator';
import { outboxState } from '../../state/sync';

export function SchoolScreen({ db, author, uai }: { db: AuditDb; author: Author; uai: string }) {
  const school = schoolsByUai.value.get(uai);
  const audit = auditOf(uai);
  const newId = useMemo(() => crypto.randomUUID(), [uai]);
  const ref = { id: audit.school?.id ?? newId, kind: 'school' as const, uai, campaign: campaign.value };
  const editor = useFicheEditor(db, ref, author, makeSchoolData);
  useEffect(() => () => void (lastDeleted.value = null), [uai]); // the undo is offered on this screen only
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
            {school.commune} · {school.circonscription} · {CHEF_DE_FILE_LABELS[school.chefDeFile]}
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
          <SegmentedField {...bind<SchoolStatus>(editor, 'status')} label="Statut de l'audit" options={options(STATUS_LABELS)} />
        </>
      )}
      <Classrooms db={db} author={author} uai={uai} classrooms={audit.classrooms} />
      <section aria-labelledby="s-socle-ecole">
        <h2 id="s-socle-ecole">Socle numérique de l'école</h2>
        <SchoolSocle uai={uai} />
      </section>
      <section aria-labelledby="s-fiche-ecole">
        <h2 id="s-fiche-ecole">Fiche de l'école</h2>
        {editor instanceof Error ? null : editor ? <SchoolForm editor={editor} /> : <p aria-busy="true">Chargement…</p>}
      </section>
    </main>
  );
}

function summary(c: ClassroomFiche): string {
  const d = c.data;
  return [
    d.levels.join(', '),
    `Affichage : ${d.display.type ? DISPLAY_LABELS[d.display.type] : 'non renseigné'}`,
    `Ordinateur : ${d.computer.type ? COMPUTER_LABELS[d.computer.type] : 'non renseigné'}`,
    d.network.access && `Réseau : ${NETWORK_LABELS[d.network.access]}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

function Classrooms({ db, author, uai, classrooms }: { db: AuditDb; author: Author; uai: string; classrooms: ClassroomFiche[] }) {
  const latest = classrooms[classrooms.length - 1];
  const open = (fiche: ClassroomFiche) => navigate({ screen: 'classroom', uai, id: fiche.id });
  const deleted = lastDeleted.value;
  return (
    <section aria-labelledby="s-classes">
      <h2 id="s-classes">Classes auditées ({classrooms.length})</h2>
      {classrooms.length === 0 && <p>Aucune classe pour l'instant.</p>}
      <ul class="classroom-list">
        {classrooms.map((c) => (
          <li key={c.id}>
            <a href={routeHash({ screen: 'classroom', uai, id: c.id })} class="classroom-link">
              <strong>{c.data.label}</strong>
              <span>{summary(c)}</span>
              {classroomVerdict(c.id) && <span class="classroom-verdict">{classroomVerdict(c.id)}</span>}
              <span class="fiche-sync">{ficheSyncText(outboxState.value, c.id)}</span>
            </a>
            <div class="row-actions">
              <button type="button" class="button secondary" onClick={async () => open(await copyClassroom(db, c.id, author))}>
                Dupliquer <span class="visually-hidden">{c.data.label}</span>
              </button>
              <button type="button" class="button danger" onClick={() => void deleteClassroom(db, c.id, author)}>
                Supprimer <span class="visually-hidden">{c.data.label}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="button" onClick={async () => open(await addClassroom(db, uai, campaign.value, author))}>
          Ajouter une classe
        </button>
        {latest && (
          <button type="button" class="button secondary" onClick={async () => open(await copyClassroom(db, latest.id, author))}>
            Copier la dernière classe saisie ({latest.data.label})
          </button>
        )}
      </div>
      <div role="status" class="toast-region">
        {deleted && (
          <p class="toast">
            Classe « {deleted.label} » supprimée.{' '}
            <button type="button" class="button secondary" onClick={() => void undoDelete(db, author)}>
              Annuler la suppression
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
