// The school's mobile fleets (tablets, laptops), each with its counts, charging and management.
import type { FicheEditor } from '../../state/fiche-editor';
import type { Charging, Fleet, FleetType } from '../../model/types';
import { CHARGING_LABELS, FLEET_LABELS } from '../../model/labels';
import { bind, options } from '../bind';
import { SegmentedField, YES_NO } from '../components/segmented-field';
import { NumberField } from '../components/number-field';

const NEW_FLEET: Fleet = { type: 'tablet', count: 0, workingCount: 0, year: null, charging: null, mdm: null };

export function FleetsField({ editor, fleets }: { editor: FicheEditor<'school'>; fleets: Fleet[] }) {
  return (
    <div class="fleets">
      {fleets.length === 0 && <p>Aucune flotte mobile enregistrée.</p>}
      {fleets.map((_, index) => {
        const b = <T,>(field: string) => bind<T>(editor, `fleets.${index}.${field}`);
        return (
          <fieldset class="fleet" key={index}>
            <legend>Flotte n° {index + 1}</legend>
            <SegmentedField {...b<FleetType>('type')} label="Type d'appareils" options={options(FLEET_LABELS)} />
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
