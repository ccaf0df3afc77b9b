// The school's mobile fleets (tablets, laptops), each with its counts, charging and management. A fleet just added
// records nothing; it is saved with the fiche once its type and counts are given, and says so until then.
import type { FicheEditor } from '../../state/fiche-editor';
import { CHARGING_LABELS, FLEET_LABELS } from '../../model/labels';
import { bind, options, type FicheForm } from '../bind';
import { SegmentedField, YES_NO } from '../components/segmented-field';
import { NumberField } from '../components/number-field';

type FleetForm = FicheForm<'school'>['fleets'][number];

// Nothing seen yet (records.md v2): the form holds nulls until the user answers, never "0 tablets".
// Its id is made once, here, and never changes: two tablets' edits of one fleet are merged by it.
const newFleet = (): FleetForm => ({ id: crypto.randomUUID(), type: null, count: null, workingCount: null, year: null, charging: null, mdm: null });

const incomplete = (fleet: FleetForm) => fleet.type === null || fleet.count === null || fleet.workingCount === null;

export function FleetsField({ editor, fleets }: { editor: FicheEditor<'school'>; fleets: readonly FleetForm[] }) {
  return (
    <div class="fleets">
      {fleets.length === 0 && <p>Aucune flotte mobile enregistrée.</p>}
      {fleets.map((fleet, index) => {
        return (
          <fieldset class="fleet" key={fleet.id ?? index}>
            <legend>Flotte n° {index + 1}</legend>
            {incomplete(fleet) && (
              <p class="hint">À compléter : la flotte sera enregistrée une fois son type et ses nombres d'appareils saisis.</p>
            )}
            <SegmentedField {...bind(editor, `fleets.${index}.type`)} options={options(FLEET_LABELS)} />
            <NumberField {...bind(editor, `fleets.${index}.count`)} />
            <NumberField {...bind(editor, `fleets.${index}.workingCount`)} />
            <NumberField {...bind(editor, `fleets.${index}.year`)} />
            <SegmentedField {...bind(editor, `fleets.${index}.charging`)} options={options(CHARGING_LABELS)} nullable />
            <SegmentedField {...bind(editor, `fleets.${index}.mdm`)} options={YES_NO} nullable />
            <button
              type="button"
              class="button secondary"
              onClick={() => editor.set('fleets', fleets.filter((_, i) => i !== index))}
            >
              Retirer la flotte n° {index + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="button secondary" onClick={() => editor.set('fleets', [...fleets, { ...newFleet() }])}>
        Ajouter une flotte
      </button>
    </div>
  );
}
