// The classroom form: one fiche per classroom, saved as it is typed.
import type { FicheEditor } from '../../state/fiche-editor';
import { auditOf } from '../../state/audits';
import { schoolsByUai } from '../../state/directory';
import { makeClassroomData } from '../../model/make';
import { CLASS_LEVELS } from '../../model/schema';
import type { Condition } from '../../model/types';
import { trimText } from '../../model/text';
import { COMPUTER_LABELS, CONDITION_LABELS, DISPLAY_LABELS, NETWORK_LABELS, STORAGE_LABELS } from '../../model/labels';
import { bind, options } from '../bind';
import { useFicheEditor } from '../use-editor';
import { SegmentedField, YES_NO } from '../components/segmented-field';
import { NumberField } from '../components/number-field';
import { TextField } from '../components/text-field';
import { ScannableTextField } from '../components/scannable-text-field';
import { CheckboxGroup } from '../components/checkbox-group';
import { SaveIndicator } from '../components/save-indicator';
import { TrainingNeedsField } from '../components/training-needs-field';
import { routeHash } from '../../state/route';
import { OpenFailed } from '../components/open-failed';
import { ClassroomSocle } from './classroom-socle';
import { finishAndCopy, finishClassroom, freshClassroom } from '../../state/school-audit';
import { useEffect, useState } from 'preact/hooks';

const CONDITIONS = options<Condition>(CONDITION_LABELS);

export function ClassroomScreen({ uai, id }: { uai: string; id: string }) {
  const fiche = auditOf(uai).classrooms.find((c) => c.id === id);
  const ref = fiche ? { id, kind: 'classroom' as const, uai, campaign: fiche.campaign } : undefined;
  const editor = useFicheEditor(ref, makeClassroomData);
  const school = schoolsByUai.value.get(uai);
  const back = routeHash({ screen: 'school', uai });
  if (!fiche) {
    return (
      <main id="contenu">
        <h1>Classe introuvable</h1>
        <p>Cette classe n'existe pas ou a été supprimée.</p>
        <a href={back}>Retour à l'école</a>
      </main>
    );
  }
  if (editor instanceof Error) return <OpenFailed back={back} />;
  if (!editor) return <main id="contenu" aria-busy="true"><p>Chargement de la classe…</p></main>;
  return <ClassroomForm editor={editor} back={back} schoolName={school?.name ?? uai} />;
}

/** A classroom just created opens with its proposed name selected: the first keystroke replaces it. */
function useFreshLabel(id: string): void {
  useEffect(() => {
    if (freshClassroom.value !== id) return;
    freshClassroom.value = null;
    const input = document.getElementById('champ-label');
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
    }
  }, [id]);
}

interface FormProps {
  editor: FicheEditor<'classroom'>;
  back: string;
  schoolName: string;
}

function FormEnd({ editor }: Pick<FormProps, 'editor'>) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { id, uai } = editor.ref;
  const copy = async () => {
    setBusy(true);
    try {
      await finishAndCopy(() => editor.autosave.flush(), id);
    } catch (error) {
      console.error('copy failed', error);
      setFailure("La classe suivante n'a pas pu être créée. Cette classe reste enregistrée sur l'appareil ; réessayez.");
      setBusy(false);
    }
  };
  return (
    <div class="form-end">
      <div class="actions">
        <button type="button" class="button" onClick={() => finishClassroom(uai)}>Terminer la classe</button>
        <button type="button" class="button secondary" disabled={busy} onClick={() => void copy()}>
          Terminer et copier pour la classe suivante
        </button>
      </div>
      {failure && <p role="alert" class="field-error">{failure}</p>}
    </div>
  );
}

function ClassroomForm({ editor, back, schoolName }: FormProps) {
  useFreshLabel(editor.ref.id);
  const data = editor.data.value;
  const hasComputer = data.computer.type !== null && data.computer.type !== 'none';
  const hasDisplay = data.display.type !== null && data.display.type !== 'none';
  return (
    <main id="contenu" class="form-screen">
      <p class="breadcrumb">
        <a href={back}>← {schoolName}</a>
      </p>
      <h1>Classe : {trimText(data.label) || 'sans nom'}</h1>
      <SaveIndicator autosave={editor.autosave} errorCount={editor.errors.value.size} />
      <ClassroomSocle editor={editor} />
      <form class="fiche-form" onSubmit={(event) => event.preventDefault()}>
        <section aria-labelledby="s-classe">
          <h2 id="s-classe">La classe</h2>
          <TextField {...bind(editor, 'label')} required hint="Par exemple « CM1 B » ou « Salle 12 »." />
          <CheckboxGroup {...bind(editor, 'levels')} options={CLASS_LEVELS.map((l) => [l, l] as const)} inline />
          <NumberField {...bind(editor, 'pupils')} />
        </section>
        <section aria-labelledby="s-affichage">
          <h2 id="s-affichage">Affichage collectif</h2>
          <SegmentedField {...bind(editor, 'display.type')} options={options(DISPLAY_LABELS)} nullable />
          {hasDisplay && (
            <>
              <SegmentedField {...bind(editor, 'display.condition')} options={CONDITIONS} nullable />
              <NumberField {...bind(editor, 'display.year')} />
              <NumberField {...bind(editor, 'display.sizeInches')} unit="pouces" decimal />
            </>
          )}
        </section>
        <section aria-labelledby="s-ordinateur">
          <h2 id="s-ordinateur">Ordinateur de la classe</h2>
          <SegmentedField {...bind(editor, 'computer.type')} options={options(COMPUTER_LABELS)} nullable />
          {hasComputer && <ComputerDetails editor={editor} />}
        </section>
        <section aria-labelledby="s-reseau">
          <h2 id="s-reseau">Réseau</h2>
          <SegmentedField {...bind(editor, 'network.access')} options={options(NETWORK_LABELS)} nullable />
          <SegmentedField {...bind(editor, 'network.tested')} options={YES_NO} nullable />
        </section>
        <section aria-labelledby="s-visualiseur">
          <h2 id="s-visualiseur">Visualiseur</h2>
          <SegmentedField {...bind(editor, 'documentCamera.present')} options={YES_NO} nullable />
          {data.documentCamera.present && (
            <SegmentedField {...bind(editor, 'documentCamera.condition')} options={CONDITIONS} nullable />
          )}
        </section>
        <section aria-labelledby="s-formation">
          <h2 id="s-formation">Besoins de formation de l'enseignant</h2>
          <TrainingNeedsField {...bind(editor, 'trainingNeeds')} value={data.trainingNeeds ?? []} />
        </section>
        <section aria-labelledby="s-remarques">
          <h2 id="s-remarques">Remarques</h2>
          <TextField {...bind(editor, 'notes')} multiline />
        </section>
      </form>
      <FormEnd editor={editor} />
    </main>
  );
}

function ComputerDetails({ editor }: { editor: FicheEditor<'classroom'> }) {
  return (
    <>
      <SegmentedField {...bind(editor, 'computer.condition')} options={CONDITIONS} nullable />
      <NumberField {...bind(editor, 'computer.year')} />
      <NumberField {...bind(editor, 'computer.ramGb')} unit="Go" decimal />
      <SegmentedField {...bind(editor, 'computer.storage')} options={options(STORAGE_LABELS)} nullable />
      <TextField {...bind(editor, 'computer.os')} nullable />
      <SegmentedField {...bind(editor, 'computer.linkedToDisplay')} options={YES_NO} nullable />
      <ScannableTextField {...bind(editor, 'computer.inventoryTag')} scanLabel="Scanner le numéro d'inventaire" />
    </>
  );
}
