// What this tablet receives from the server: the fiches of the whole département (the default), or only those of
// the circonscriptions ticked, as the directory names them. Saved as soon as it is chosen, and a sync follows.
import { useEffect, useState } from 'preact/hooks';
import { circonscriptions } from '../../state/directory';
import { loadSyncScope, saveSyncScope } from '../../state/sync-settings';
import { naturalCompare } from '../../model/natural-sort';
import { SegmentedField } from '../components/segmented-field';
import { CheckboxGroup } from '../components/checkbox-group';

type Reach = 'all' | 'some';

function scopeText(reach: Reach, chosen: readonly string[]): string {
  if (reach === 'all' || chosen.length === 0) return 'Cette tablette reçoit les fiches de tout le département.';
  if (chosen.length === 1) return `Cette tablette reçoit les fiches de la circonscription ${chosen[0]}.`;
  return `Cette tablette reçoit les fiches de ${chosen.length} circonscriptions.`;
}

export function SyncScope() {
  // null until the stored choice is read: nothing is saved before.
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [reach, setReach] = useState<Reach>('all');
  useEffect(() => {
    void loadSyncScope().then((stored) => {
      setChosen(stored);
      setReach(stored.length > 0 ? 'some' : 'all');
    });
  }, []);
  if (chosen === null) return <p aria-busy="true">Lecture des réglages…</p>;
  // A circonscription kept from an older directory stays offered, so that it can be unticked.
  const options = [...new Set([...circonscriptions.value, ...chosen])].sort(naturalCompare).map((label) => [label, label] as const);
  const save = (nextReach: Reach, nextChosen: string[]) => {
    setReach(nextReach);
    setChosen(nextChosen);
    void saveSyncScope(nextReach === 'all' ? [] : nextChosen);
  };
  return (
    <div class="sync-scope">
      <SegmentedField<Reach>
        id="sync-portee"
        label="Fiches reçues par cette tablette"
        hint="Les fiches saisies sur les autres tablettes arrivent à chaque synchronisation. Un changement de choix est enregistré et synchronisé tout de suite ; les fiches déjà reçues restent sur la tablette."
        options={[
          ['all', 'Tout le département'],
          ['some', 'Certaines circonscriptions'],
        ]}
        value={reach}
        onChange={(value) => save(value ?? 'all', chosen)}
      />
      {reach === 'some' && (
        <CheckboxGroup id="sync-circonscriptions" label="Circonscriptions reçues" options={options} value={chosen} inline onChange={(value) => save('some', value)} />
      )}
      {reach === 'some' && chosen.length === 0 && (
        <p class="field-note">Cochez au moins une circonscription : tant qu'aucune ne l'est, la tablette reçoit tout le département.</p>
      )}
      <p role="status">{scopeText(reach, chosen)}</p>
    </div>
  );
}
