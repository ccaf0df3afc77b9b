// The server's territory (sync.md "Roles and tokens"): a server holds one département and the campaigns it accepts,
// from its configuration (TNE13_DEPARTEMENT, TNE13_CAMPAIGNS). A pushed record outside them is answered `forbidden`,
// never stored; the pull of a campaign it does not accept is an empty page (no fiche of it is in scope).
// Who pays for which school in that département comes from src/territory: the shipped configuration, the generic one,
// or a deployment's territory file named by TNE13_TERRITORY (a path; its format: src/territory/territory-file.ts).
// The server and the import command read it the same way (territoryConfigFromEnv).
import { readFileSync } from 'node:fs';
import type { PushRecord } from '../../src/model/sync-protocol';
import { departementKey, type TerritoryConfig } from '../../src/territory/territory';
import { parseTerritoryFile, type TerritoryFile } from '../../src/territory/territory-file';
import { annuaireCode, SHIPPED_TERRITORY, territoryFor } from '../../src/territory/territory-for';

export interface Territory {
  /** The département as people write it, without leading zeros: '13', '2A', '971'. */
  departement: string;
  /** The first three characters of the UAIs of its schools: '013', '620' for 2A, '720' for 2B, '971'. */
  uaiPrefix: string;
  /** The campaigns accepted, or null for every one. */
  campaigns: readonly string[] | null;
  /** Its name, chefs de file and targets: what the référentiel it serves by default carries. */
  config: TerritoryConfig;
}

export const DEFAULT_DEPARTEMENT = annuaireCode(SHIPPED_TERRITORY.departement);

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
export function makeTerritory(
  departementCode: string = DEFAULT_DEPARTEMENT,
  campaigns: readonly string[] | null = null,
  config?: TerritoryConfig,
): Territory {
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
  return { departement, uaiPrefix: uaiPrefixOf(departement), campaigns, config: config ?? territoryFor(departement) };
}

/** Every campaign, in the shipped département: what a server without configuration holds. */
export const DEFAULT_TERRITORY: Territory = makeTerritory();

type Env = Readonly<Record<string, string | undefined>>;
export type ReadText = (path: string) => string;

const readText: ReadText = (path) => readFileSync(path, 'utf8');

/** The territory file TNE13_TERRITORY names, checked; undefined when it names none. */
function territoryFileFromEnv(env: Env, read: ReadText): TerritoryFile | undefined {
  const path = env.TNE13_TERRITORY?.trim();
  if (!path) return undefined;
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`TNE13_TERRITORY : « ${path} » : ${code === 'ENOENT' ? 'fichier introuvable' : `fichier illisible (${code ?? 'erreur de lecture'})`}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`TNE13_TERRITORY : « ${path} » : ce n'est pas un fichier JSON valide.`);
  }
  try {
    return parseTerritoryFile(json);
  } catch (error) {
    throw new Error(`TNE13_TERRITORY : « ${path} » : ${(error as Error).message}`);
  }
}

/** TNE13_DEPARTEMENT, else the territory file's département, else the shipped one. */
function departementFromEnv(env: Env, file: TerritoryFile | undefined): string {
  return env.TNE13_DEPARTEMENT?.trim() || file?.departement || DEFAULT_DEPARTEMENT;
}

/**
 * The configuration of the département this deployment holds (TNE13_DEPARTEMENT, TNE13_TERRITORY): its chefs de
 * file, its name and its targets, the same for the server (its default référentiel) and the import command.
 */
export function territoryConfigFromEnv(env: Env, read: ReadText = readText): TerritoryConfig {
  return configOf(env, territoryFileFromEnv(env, read));
}

function configOf(env: Env, file: TerritoryFile | undefined): TerritoryConfig {
  try {
    return territoryFor(departementFromEnv(env, file), file);
  } catch (error) {
    throw new Error(`${(error as Error).message.replace(/\.$/, '')} (TNE13_DEPARTEMENT, TNE13_TERRITORY).`);
  }
}

/**
 * `TNE13_DEPARTEMENT` (013 when absent, or the territory file's) and `TNE13_CAMPAIGNS` ("2026-2027,2027-2028";
 * absent or empty: every one). A territory file that does not hold is refused here, so that the server does not
 * start with it.
 */
export function territoryFromEnv(env: Env, read: ReadText = readText): Territory {
  const file = territoryFileFromEnv(env, read);
  const campaigns = (env.TNE13_CAMPAIGNS ?? '')
    .split(',')
    .map((campaign) => campaign.trim())
    .filter((campaign) => campaign !== '');
  const territory = makeTerritory(departementFromEnv(env, file), campaigns.length > 0 ? campaigns : null);
  return { ...territory, config: configOf(env, file) };
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
