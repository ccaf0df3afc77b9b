// The school's mobile fleets (tablets, laptops), each with its counts, charging and management. A fleet just added
// records nothing; it is saved with the fiche once its type and counts are given, and says so until then.
import type { FicheEditor } from '../../state/fiche-editor';
import type { Charging, Fleet, FleetType } from '../../model/types';
import { CHARGING_LABELS, FLEET_LABELS } from '../../model/labels';
import { bind, options } from '../bind';
import { SegmentedField, YES_NO } from '../components/segmented-field';
import { NumberField } from '../components/number-field';

// Nothing seen yet (records.md v2): the form holds nulls until the user answers, never "0 tablets".
const NEW_FLEET = { type: null, count: null, workingCount: null, year: null, charging: null, mdm: null } as unknown as Fleet;

const incomplete = (fleet: Fleet) => fleet.type === null || fleet.count === null || fleet.workingCount === null;

export function FleetsField({ editor, fleets }: { editor: FicheEditor<'school'>; fleets: Fleet[] }) {
  return (
    <div class="fleets">
      {fleets.length === 0 && <p>Aucune flotte mobile enregistrée.</p>}
      {fleets.map((fleet, index) => {
        const b = <T,>(field: string) => bind<T>(editor, `fleets.${index}.${field}`);
        return (
          <fieldset class="fleet" key={index}>
            <legend>Flotte n° {index + 1}</legend>
            {incomplete(fleet) && (
              <p class="hint">À compléter : la flotte sera enregistrée une fois son type et ses nombres d'appareils saisis.</p>
            )}
            <SegmentedField {...b<FleetType | null>('type')} label="Type d'appareils" options={options(FLEET_LABELS)} />
            <NumberField {...b<number | null>('count')} label="Nombre d'appareils" />
            <NumberField {...b<number | null>('workingCount')} label="Dont fonctionnels" />
            <NumberField {...b<number | null>('year')} label="Année d'achat" />
            <SegmentedField {...b<Charging | null>('charging')} label="Charge et rangement" options={options(CHARGING_LABELS)} nullable />
            <SegmentedField {...b<boolean | null>('mdm')} label="Gestion de flotte (MDM)" options={YES_NO} nullable />
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
      <button type="button" class="button secondary" onClick={() => editor.set('fleets', [...fleets, { ...NEW_FLEET }])}>
        Ajouter une flotte
      </button>
    </div>
  );
}
