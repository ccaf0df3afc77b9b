// Who is auditing, for which campaign: small preferences kept in idb-keyval.
import { signal } from '@preact/signals';
import { getAuditor, getCampaign, setAuditor, setCampaign } from '../storage/prefs';
import { currentCampaign } from '../model/campaign';
import type { Author } from '../model/types';

export const auditor = signal<Author | null>(null);
export const campaign = signal<string>(currentCampaign());

/** Who signs the revisions saved now. The screens that save are shown only once there is an auditor. */
export function currentAuthor(): Author {
  if (!auditor.value) throw new Error('no auditor yet');
  return auditor.value;
}

export async function loadSession(): Promise<void> {
  auditor.value = (await getAuditor()) ?? null;
  campaign.value = (await getCampaign()) ?? currentCampaign();
}

export async function saveSession(author: Author, chosenCampaign: string): Promise<void> {
  await setAuditor(author);
  await setCampaign(chosenCampaign);
  auditor.value = author;
  campaign.value = chosenCampaign;
}
