// The référentiel's parameters, prices and targets. Saving makes a new local version; every result says which
// version produced it.
import { useState } from 'preact/hooks';
import { referential, resetReferential, saveReferential } from '../../state/referential';
import { applyReferential } from '../../state/gaps';
import { PARAM_KEYS, PARAM_SETTINGS, PRIORITY_WEIGHT_KEYS, PRIORITY_WEIGHT_SETTINGS, validateReferentialSettings } from '../../model/referential-settings';
import { assumptionNote, REFERENTIAL_V1, type Referential, type ReferentialParams } from '../../model/referential';
import { NumberField } from '../components/number-field';
import { SegmentedField } from '../components/segmented-field';
import { TextField } from '../components/text-field';
import { setAt } from '../../model/paths';

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

export function SettingsScreen() {
  const [form, setForm] = useState<Settings>(() => editable(referential.value));
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [saved, setSaved] = useState<string | null>(null);
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
  const reset = async () => {
    await resetReferential();
    await applyReferential();
    setForm(editable(REFERENTIAL_V1));
    setErrors(new Map());
    setSaved(`Référentiel d'origine rétabli (${REFERENTIAL_V1.version}).`);
  };

  return (
    <main id="contenu" class="form-screen">
      <h1>Paramètres du référentiel</h1>
      <p>Version en vigueur sur cet appareil : <strong>{referential.value.version}</strong>. Une modification crée une nouvelle version locale.</p>
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
          <button type="button" class="button secondary" onClick={() => void reset()}>Rétablir le référentiel d'origine</button>
        </div>
      </form>
    </main>
  );
}
