// The fiches "À arbitrer" (sync.md v2, "Merge on the device"): each field changed on this tablet and on another one
// to different values, both values, who changed each side and when. The user keeps one value per field; the fiche is
// then saved and sent on the server's version. Until then nothing of it is sent.
import { useEffect, useRef, useState } from 'preact/hooks';
import { heldFiches, loadHeldFiches, refusedChoiceMessages, resolveFiche, type HeldView } from '../../state/arbitration';
import { schoolsByUai } from '../../state/directory';
import { routeHash } from '../../state/route';
import { ROLE_LABELS } from '../../model/labels';
import type { Author } from '../../model/types';
import { parisDateTimeText } from '../format';

type Side = 'local' | 'head';

const SAVED = 'Choix enregistré : la fiche sera envoyée.';
const STATUS_ID = 'arbitrage-etat';
const headingId = (fiche: HeldView) => `arbitrage-${fiche.id}`;

/** "Camille Martin (ERUN), le 28/11/2026 à 09 h 12". */
function who(side: { author: Author; updatedAt: string }): string {
  const when = parisDateTimeText(side.updatedAt);
  return `${side.author.name} (${ROLE_LABELS[side.author.role]})${when ? `, le ${when}` : ''}`;
}

function ficheHref(fiche: HeldView): string {
  return routeHash(fiche.kind === 'school' ? { screen: 'school', uai: fiche.uai } : { screen: 'classroom', uai: fiche.uai, id: fiche.id });
}

export function ArbitrationScreen() {
  const [status, setStatus] = useState('');
  // Where the focus goes once a saved fiche has left the list: the next fiche's heading, or the status message.
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => void loadHeldFiches(), []);
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  const fiches = heldFiches.value;
  /** `place`: where the saved fiche was in the list, now without it: the fiche that followed it is there. */
  const onSaved = (place: number) => {
    setStatus(SAVED);
    const left = heldFiches.value ?? [];
    const next = left[place] ?? left[place - 1];
    setFocusTarget(next ? headingId(next) : STATUS_ID);
  };
  return (
    <main id="contenu" class="form-screen">
      <p class="breadcrumb">
        <a href={routeHash({ screen: 'schools' })}>← Écoles</a>
      </p>
      <h1>Fiches à arbitrer</h1>
      <p>
        Ces fiches ont été modifiées sur cette tablette et sur une autre, sur les mêmes champs. Choisissez pour chaque
        champ la valeur à garder ; rien n'est envoyé avant votre choix.
      </p>
      <p role="status" id={STATUS_ID} tabIndex={-1}>
        {status}
      </p>
      {fiches === null ? (
        <p aria-busy="true">Chargement…</p>
      ) : fiches.length === 0 ? (
        <p>
          Aucune fiche à arbitrer. <a href={routeHash({ screen: 'schools' })}>Revenir à la liste des écoles</a>
        </p>
      ) : (
        fiches.map((fiche, place) => <HeldFicheSection key={fiche.id} fiche={fiche} onSaved={() => onSaved(place)} />)
      )}
    </main>
  );
}

function HeldFicheSection({ fiche, onSaved }: { fiche: HeldView; onSaved: () => void }) {
  const school = schoolsByUai.value.get(fiche.uai)?.name ?? `École ${fiche.uai}`;
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const [errors, setErrors] = useState<string[]>([]);
  const saving = useRef(false);
  const save = async (chosen: Record<string, Side>) => {
    if (saving.current) return; // a second press while the first is saved
    saving.current = true;
    setErrors([]);
    try {
      await resolveFiche(fiche.id, chosen);
      onSaved();
    } catch (error) {
      console.error('arbitration not saved', error);
      setErrors(refusedChoiceMessages(error) ?? ["Le choix n'a pas pu être enregistré sur la tablette. Réessayez ; rien n'est perdu."]);
    } finally {
      saving.current = false;
    }
  };
  const id = headingId(fiche);
  return (
    <section aria-labelledby={id} class="arbitration">
      <h2 id={id} tabIndex={-1}>
        {school} · {fiche.title}
      </h2>
      <ul class="arbitration-sides">
        {/* Named as the choices below name them: the server's head is the other tablet's version. */}
        <li>Ma version, sur cette tablette : {who(fiche.local)}</li>
        <li>Version de l'autre tablette, reçue du serveur : {who(fiche.head)}</li>
      </ul>
      <p class="arbitration-open">
        <a href={ficheHref(fiche)}>
          Ouvrir la fiche<span class="visually-hidden"> {school} · {fiche.title}</span>
        </a>
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(choices);
        }}
      >
        {fiche.conflicts.map((conflict, index) => (
          <ConflictField
            key={conflict.path}
            name={`${id}-champ-${index}`}
            conflict={conflict}
            side={choices[conflict.path] ?? 'local'}
            onChange={(side) => setChoices((current) => ({ ...current, [conflict.path]: side }))}
          />
        ))}
        {errors.length > 0 && (
          <div role="alert" class="warning">
            <p>Ce choix ne peut pas être enregistré : la fiche obtenue ne serait pas valable. Rien n'a été modifié.</p>
            <ul>
              {errors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        )}
        <div class="actions">
          <button type="submit" class="button">
            Enregistrer ce choix
          </button>
          <button type="button" class="button secondary" onClick={() => void save(Object.fromEntries(fiche.conflicts.map((c) => [c.path, 'local'])))}>
            Garder ma version partout
          </button>
        </div>
      </form>
    </section>
  );
}

interface ConflictFieldProps {
  name: string;
  conflict: HeldView['conflicts'][number];
  side: Side;
  onChange: (side: Side) => void;
}

/** One conflicting field: its two values as native radio buttons, so that arrows and screen readers work as usual. */
function ConflictField({ name, conflict, side, onChange }: ConflictFieldProps) {
  const options: ReadonlyArray<readonly [Side, string, string]> = [
    ['local', 'Ma version', conflict.local],
    ['head', "Version de l'autre tablette", conflict.head],
  ];
  return (
    <fieldset class="field segmented">
      <legend>{conflict.label}</legend>
      <div class="segments arbitration-choices">
        {options.map(([value, whose, text]) => (
          <label key={value} class="segment">
            <input type="radio" name={name} checked={side === value} onChange={() => onChange(value)} />
            <span>
              {whose} : <strong>{text}</strong>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
