// First run (and later changes): who audits, in which role, for which campaign.
import { useState } from 'preact/hooks';
import { auditor, campaign, saveSession } from '../../state/session';
import { navigate } from '../../state/route';
import { validateSession } from '../../model/validate';
import { ROLE_LABELS } from '../../model/labels';
import type { AuthorRole } from '../../model/types';
import { options } from '../bind';
import { SegmentedField } from '../components/segmented-field';
import { TextField } from '../components/text-field';

export function ProfileScreen({ firstRun }: { firstRun: boolean }) {
  const [name, setName] = useState(auditor.value?.name ?? '');
  const [role, setRole] = useState<AuthorRole | null>(auditor.value?.role ?? null);
  const [chosenCampaign, setCampaign] = useState(campaign.value);
  // Messages appear on the first "Commencer" and then follow what is typed: a fixed field loses its message.
  const [submitted, setSubmitted] = useState(false);
  const result = validateSession({ author: { name, role }, campaign: chosenCampaign });
  const errors: ReadonlyMap<string, string> = submitted && !result.ok ? new Map(result.errors.map((e) => [e.path, e.message])) : new Map();

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    if (!result.ok) return;
    await saveSession(result.value.author, result.value.campaign);
    navigate({ screen: 'schools' });
  };

  return (
    <main id="contenu" class="form-screen">
      <h1>{firstRun ? 'Bienvenue' : 'Votre profil'}</h1>
      {firstRun && <p>Avant de commencer, indiquez qui réalise l'état des lieux. Ces informations accompagnent chaque fiche.</p>}
      <form class="fiche-form" onSubmit={submit} noValidate>
        <TextField id="nom" label="Votre nom et prénom" value={name} onChange={(v) => setName(v ?? '')} error={errors.get('author.name')} autoComplete="name" required />
        <SegmentedField id="role" label="Votre rôle" options={options(ROLE_LABELS)} value={role} onChange={setRole} error={errors.get('author.role')} />
        <TextField id="campagne" label="Campagne (année scolaire)" value={chosenCampaign} onChange={(v) => setCampaign(v ?? '')} error={errors.get('campaign')} hint="Par exemple 2026-2027." />
        <button type="submit" class="button">{firstRun ? 'Commencer' : 'Enregistrer'}</button>
      </form>
    </main>
  );
}
