// The référentiel's parameters, prices and targets. The Département's version comes from the server at each sync; saving
// here makes a simulation (a new local version), kept apart, which every screen then announces (app.tsx) until the
// user goes back to the Département's. Every result says which version produced it.
import { useState } from 'preact/hooks';
import { departementReferential, referential, saveReferential, simulation } from '../../state/referential';
import { applyReferential } from '../../state/gaps';
import { PARAM_KEYS, PARAM_SETTINGS, PRIORITY_WEIGHT_KEYS, PRIORITY_WEIGHT_SETTINGS, validateReferentialSettings } from '../../model/referential-settings';
import { assumptionNote, REFERENTIAL_V1, type Referential, type ReferentialParams } from '../../model/referential';
import { NumberField } from '../components/number-field';
import { SegmentedField } from '../components/segmented-field';
import { TextField } from '../components/text-field';
import { setAt } from '../../model/paths';
import { parisDateTimeText } from '../format';

type Settings = Pick<Referential, 'params' | 'prices' | 'targets' | 'funding' | 'priorityWeights'>;

/** "Valeur par défaut (8) : hypothèse, à confirmer par le Département." while the assumed default is kept. */
function assumptionHint(form: Settings, key: keyof ReferentialParams): string | undefined {
  const note = assumptionNote({ params: form.params, assumptions: REFERENTIAL_V1.assumptions }, key);
  return note === null ? undefined : `Valeur par défaut (${String(form.params[key])}) : ${note}.`;
}

/** One parameter's line, as PARAM_SETTINGS describes it: a choice among its values, or a number typed. */
function ParamField({ name, form, field, onChange }: {
  name: keyof ReferentialParams;
  form: Settings;
  field: { id: string; error: string | undefined };
  onChange: (value: number | null) => void;
}) {
  const { label, unit, decimal, choices, whenEmpty } = PARAM_SETTINGS[name];
  const value = form.params[name];
  if (choices) {
    return <SegmentedField {...field} label={label} options={choices.map((n) => [String(n), String(n)] as const)} value={String(value)} onChange={(v) => onChange(Number(v))} />;
  }
  return (
    <NumberField {...field} label={whenEmpty ? `${label} (vide : ${whenEmpty.form})` : label} unit={unit} decimal={decimal} value={value}
      onChange={onChange} hint={assumptionHint(form, name)} />
  );
}

const editable = (r: Referential): Settings => structuredClone({ params: r.params, prices: r.prices, targets: r.targets, funding: r.funding, priorityWeights: r.priorityWeights });

/** "Référentiel du Département : version 2026.2, reçue du serveur le 29/11/2026 à 10 h 12." */
function DepartementVersion() {
  const { referential: held, receivedAt } = departementReferential.value;
  const received = receivedAt === null ? null : parisDateTimeText(receivedAt);
  return (
    <p>
      Référentiel du Département : version <strong>{held.version}</strong>,{' '}
      {received === null ? "celle livrée avec l'application (aucune reçue du serveur pour l'instant)" : `reçue du serveur le ${received}`}.
      {simulation.value === null ? ' Il est en vigueur sur cet appareil.' : ' Une simulation le remplace sur cet appareil.'}
    </p>
  );
}

export function SettingsScreen() {
  const [saved, setSaved] = useState<string | null>(null);
  // The form starts again from the référentiel in force whenever it changes: a simulation saved or dropped, a version
  // received from the server.
  return <SettingsForm key={referential.value.version} saved={saved} setSaved={setSaved} />;
}

function SettingsForm({ saved, setSaved }: { saved: string | null; setSaved: (text: string | null) => void }) {
  const [form, setForm] = useState<Settings>(() => editable(referential.value));
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const set = (path: string) => (value: unknown) => {
    setSaved(null);
    setForm((current) => setAt(current, path, value));
  };
  const field = (path: string) => ({ id: `reglage-${path.replace(/\./g, '-')}`, error: errors.get(path) });

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems = validateReferentialSettings(form);
    setErrors(new Map(problems.map((e) => [e.path, e.message])));
    if (problems.length > 0) return;
    const next = await saveReferential({ ...form, territory: referential.value.territory });
    await applyReferential();
    setSaved(`Paramètres enregistrés : référentiel ${next.version}.`);
  };

  return (
    <main id="contenu" class="form-screen">
      <h1>Paramètres du référentiel</h1>
      <DepartementVersion />
      <p>
        Version en vigueur sur cet appareil : <strong>{referential.value.version}</strong>. Une modification est une simulation : elle crée une version
        locale, gardée à part de celle du Département, et chaque écran l'annonce jusqu'au retour au référentiel du Département.
      </p>
      <form class="fiche-form" onSubmit={submit} noValidate>
        <h2>Seuils</h2>
        {PARAM_KEYS.map((key) => <ParamField key={key} name={key} form={form} field={field(`params.${key}`)} onChange={set(`params.${key}`)} />)}
        <h2>Objectifs</h2>
        <p class="hint">Vide : objectif non fixé.</p>
        <NumberField {...field('targets.classes')} label="Classes à équiper" value={form.targets.classes} onChange={set('targets.classes')} />
        <NumberField {...field('targets.newTeachers')} label="Néo-titulaires à équiper" value={form.targets.newTeachers} onChange={set('targets.newTeachers')} />
        <h2>Barème de priorité des écoles</h2>
        <p class="hint">Points ajoutés au score de priorité (sur 100 avec le barème d'origine) qui ordonne les écoles à équiper.</p>
        {PRIORITY_WEIGHT_KEYS.map((key) => (
          <NumberField key={key} {...field(`priorityWeights.${key}`)} label={PRIORITY_WEIGHT_SETTINGS[key].label} unit={PRIORITY_WEIGHT_SETTINGS[key].unit} decimal
            value={form.priorityWeights[key]} onChange={set(`priorityWeights.${key}`)} />
        ))}
        <h2>Prix</h2>
        {form.prices.map((price, i) => (
          <fieldset class="fleet" key={price.item}>
            <legend>{price.label}</legend>
            <NumberField {...field(`prices.${i}.unitPriceHt`)} label="Prix unitaire HT (vide : non chiffré)" unit="€" decimal value={price.unitPriceHt} onChange={set(`prices.${i}.unitPriceHt`)} />
            <TextField {...field(`prices.${i}.date`)} label="Date du prix" nullable maxLength={20} value={price.date} onChange={set(`prices.${i}.date`)} />
            <TextField {...field(`prices.${i}.source`)} label="Source du prix" nullable maxLength={200} value={price.source} onChange={set(`prices.${i}.source`)} />
          </fieldset>
        ))}
        {errors.size > 0 && <p role="alert" class="field-error">{errors.size} réglage{errors.size > 1 ? 's' : ''} à corriger.</p>}
        <p role="status">{saved}</p>
        <div class="actions">
          <button type="submit" class="button">Enregistrer les paramètres</button>
        </div>
      </form>
    </main>
  );
}
