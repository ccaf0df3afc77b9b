// The server's territory (sync.md "Roles and tokens"): a server holds one département and the campaigns it accepts,
// from its configuration (TNE13_DEPARTEMENT, TNE13_CAMPAIGNS). A pushed record outside them is answered `forbidden`,
// never stored; the pull of a campaign it does not accept is an empty page (no fiche of it is in scope).
import { departementKey } from '../../src/directory/values';
import type { PushRecord } from '../../src/model/sync-protocol';

export interface Territory {
  /** The département as people write it, without leading zeros: '13', '2A', '971'. */
  departement: string;
  /** The first three characters of the UAIs of its schools: '013', '620' for 2A, '720' for 2B, '971'. */
  uaiPrefix: string;
  /** The campaigns accepted, or null for every one. */
  campaigns: readonly string[] | null;
}

export const DEFAULT_DEPARTEMENT = '013';

// Metropolitan 01–95 (20 is no longer one: Corsica is 2A and 2B) and the overseas 97x.
const DEPARTEMENT = /^(?:[1-9]|1\d|[3-8]\d|9[0-5]|2[1-9]|2A|2B|97\d)$/;
const CAMPAIGN = /^(\d{4})-(\d{4})$/;

/** Corsica's UAIs begin with 620 (Corse-du-Sud) and 720 (Haute-Corse); every other UAI with its département. */
function uaiPrefixOf(departement: string): string {
  if (departement === '2A') return '620';
  if (departement === '2B') return '720';
  return departement.padStart(3, '0');
}

/** The territory for a département code ('013', '13', '2A', '971') and a list of campaigns (absent: every one). */
export function makeTerritory(departementCode: string = DEFAULT_DEPARTEMENT, campaigns: readonly string[] | null = null): Territory {
  const departement = departementKey(departementCode);
  if (!DEPARTEMENT.test(departement)) {
    throw new Error(`Département « ${departementCode} » inconnu : attendu sous la forme 013, 2A ou 971 (TNE13_DEPARTEMENT).`);
  }
  for (const campaign of campaigns ?? []) {
    const match = CAMPAIGN.exec(campaign);
    if (!match || Number(match[2]) !== Number(match[1]) + 1) {
      throw new Error(`Campagne « ${campaign} » invalide : attendue sous la forme 2026-2027 (TNE13_CAMPAIGNS).`);
    }
  }
  return { departement, uaiPrefix: uaiPrefixOf(departement), campaigns };
}

/** Every campaign, in the Bouches-du-Rhône: what a server without configuration holds. */
export const DEFAULT_TERRITORY: Territory = makeTerritory();

/** `TNE13_DEPARTEMENT` (013 when absent) and `TNE13_CAMPAIGNS` ("2026-2027,2027-2028"; absent or empty: every one). */
export function territoryFromEnv(env: Readonly<Record<string, string | undefined>>): Territory {
  const departement = env.TNE13_DEPARTEMENT?.trim() || DEFAULT_DEPARTEMENT;
  const campaigns = (env.TNE13_CAMPAIGNS ?? '')
    .split(',')
    .map((campaign) => campaign.trim())
    .filter((campaign) => campaign !== '');
  return makeTerritory(departement, campaigns.length > 0 ? campaigns : null);
}

export function acceptsCampaign(territory: Territory, campaign: string): boolean {
  return territory.campaigns === null || territory.campaigns.includes(campaign);
}

/** "campagnes 2026-2027 et 2027-2028", "campagne 2026-2027" or "toutes les campagnes". */
function campaignsText(campaigns: readonly string[] | null): string {
  if (campaigns === null) return 'toutes les campagnes';
  if (campaigns.length === 1) return `campagne ${campaigns[0]}`;
  return `campagnes ${campaigns.slice(0, -1).join(', ')} et ${campaigns.at(-1)}`;
}

/** "département 13, campagnes 2026-2027 et 2027-2028", as the server's start prints it. */
export function describeTerritory(territory: Territory): string {
  return `département ${territory.departement}, ${campaignsText(territory.campaigns)}`;
}

/**
 * Why this server may not hold `record`, in French (the device shows it on the fiche), or null when it may: its
 * school's UAI is of another département, or its campaign is not accepted.
 */
export function outOfScopeMessage(record: PushRecord, territory: Territory): string | null {
  const refused = 'Fiche hors du territoire de ce serveur';
  if (!record.uai.startsWith(territory.uaiPrefix)) {
    return `${refused} : l'école ${record.uai} n'est pas du département ${territory.departement}, le seul qu'il accepte ; elle ne peut pas y être enregistrée.`;
  }
  if (!acceptsCampaign(territory, record.campaign)) {
    return `${refused} : la campagne ${record.campaign} n'y est pas acceptée (${campaignsText(territory.campaigns)} seulement) ; elle ne peut pas y être enregistrée.`;
  }
  return null;
}
