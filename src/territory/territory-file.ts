// A deployment's territory file: how a département names a city that pays for its own schools, or sets its targets,
// without a change to the code. The server and the import command read it from TNE13_TERRITORY (a path); it is
// checked here, every problem in French with the field it is about. For example, the Vienne, where the Ville de
// Poitiers would pay for Poitiers' schools and the Conseil départemental for the others:
//
//   {
//     "departement": "086",
//     "chefsDeFile": [
//       { "id": "ville-poitiers", "label": "Ville de Poitiers", "communes": ["86194"] }
//     ],
//     "targets": { "classes": 300, "newTeachers": 120 }
//   }
//
// - departement (required): its code, as in the Annuaire (086, 2A, 971) or without the zeros.
// - chefsDeFile (optional): the named collectivités, in the order screens and spreadsheets list them, each with a
//   stable id (lower-case letters, digits and dashes: records and spreadsheets keep it), its label, the INSEE
//   codes of the communes it covers (a city with arrondissements lists them too) and, if the first word of the
//   label does not tell it, its label after "de" ("labelWithArticle": "de l'Agglomération de Poitiers"). The Conseil départemental
//   ("cd86", "Conseil départemental de la Vienne") covers every other commune and comes last, unless the file
//   names the default itself: one entry with "communes": [].
// - targets (optional): classes to bring to the socle and néo-titulaires to equip; null or absent: not set.
import type { ChefDeFileConfig, TerritoryTargets } from './territory';
import { CHEF_DE_FILE_ID, departementKey, withArticle } from './territory';
import { isKnownDepartement } from './territory-for';

export interface TerritoryFile {
  departement: string;
  chefsDeFile?: readonly ChefDeFileConfig[];
  targets?: Partial<TerritoryTargets>;
}

const COMMUNE = /^(?:\d{5}|2[AB]\d{3})$/;
const MAX_TARGET = 100_000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether an INSEE commune code is of the département: '86194' of 86, '2A004' of 2A, '97105' of 971. */
function communeOfDepartement(commune: string, departement: string): boolean {
  return departement.length === 3 ? commune.startsWith(departement) : commune.startsWith(departement.padStart(2, '0'));
}

function unknownFields(value: Record<string, unknown>, known: readonly string[], at: string, problems: string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) problems.push(`${at}${key} : champ inconnu (attendus : ${known.join(', ')})`);
  }
}

function checkChefs(value: unknown, departement: string | null, problems: string[]): ChefDeFileConfig[] {
  if (!Array.isArray(value)) {
    problems.push('chefsDeFile : une liste est attendue');
    return [];
  }
  const chefs: ChefDeFileConfig[] = [];
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  value.forEach((entry: unknown, i) => {
    const at = `chefsDeFile[${i}]`;
    if (!isObject(entry)) return void problems.push(`${at} : un objet est attendu ({ "id", "label", "communes" })`);
    unknownFields(entry, ['id', 'label', 'labelWithArticle', 'communes'], `${at}.`, problems);
    const { id, label, labelWithArticle, communes } = entry;
    if (typeof id !== 'string' || !CHEF_DE_FILE_ID.test(id) || id.length > 40) {
      problems.push(`${at}.id : identifiant attendu, en minuscules, chiffres et tirets (par exemple ville-poitiers), 40 caractères au plus`);
    } else if (ids.has(id)) {
      problems.push(`${at}.id : « ${id} » est déjà l'identifiant d'un autre chef de file`);
    } else ids.add(id);
    if (typeof label !== 'string' || label.trim() === '' || label.length > 100) {
      problems.push(`${at}.label : libellé attendu (par exemple Ville de Poitiers), 100 caractères au plus`);
    }
    if (labelWithArticle !== undefined && (typeof labelWithArticle !== 'string' || !/^d(?:e |u |es |')/.test(labelWithArticle) || labelWithArticle.length > 110)) {
      problems.push(`${at}.labelWithArticle : libellé précédé de « de », « du », « de la » ou « de l' » attendu (par exemple de la Ville de Poitiers)`);
    }
    if (!Array.isArray(communes)) return void problems.push(`${at}.communes : liste de codes commune INSEE attendue ([] : toutes les autres communes)`);
    communes.forEach((commune: unknown, j) => {
      const where = `${at}.communes[${j}]`;
      const code = typeof commune === 'string' ? commune.trim().toUpperCase() : '';
      if (!COMMUNE.test(code)) return void problems.push(`${where} : « ${String(commune)} » n'est pas un code commune INSEE (5 caractères, par exemple 86194)`);
      if (departement !== null && !communeOfDepartement(code, departement)) {
        return void problems.push(`${where} : la commune ${code} n'est pas du département ${departement}`);
      }
      const owner = owners.get(code);
      if (owner !== undefined) return void problems.push(`${where} : la commune ${code} est déjà celle de ${owner}`);
      owners.set(code, at);
    });
    if (typeof id === 'string' && typeof label === 'string') {
      const trimmed = label.trim();
      chefs.push({
        id, label: trimmed, labelWithArticle: typeof labelWithArticle === 'string' ? labelWithArticle.trim() : withArticle(trimmed),
        communes: communes.map((c) => String(c).trim().toUpperCase()),
      });
    }
  });
  if (chefs.filter((chef) => chef.communes.length === 0).length > 1) {
    problems.push('chefsDeFile : un seul chef de file peut couvrir toutes les autres communes ("communes": [])');
  }
  return chefs;
}

function checkTargets(value: unknown, problems: string[]): Partial<TerritoryTargets> {
  if (!isObject(value)) {
    problems.push('targets : un objet est attendu ({ "classes", "newTeachers" })');
    return {};
  }
  unknownFields(value, ['classes', 'newTeachers'], 'targets.', problems);
  const targets: Partial<TerritoryTargets> = {};
  for (const key of ['classes', 'newTeachers'] as const) {
    const target = value[key];
    if (target === undefined) continue;
    if (target !== null && (typeof target !== 'number' || !Number.isInteger(target) || target < 0 || target > MAX_TARGET)) {
      problems.push(`targets.${key} : nombre entier de 0 à ${MAX_TARGET} attendu, ou null (objectif non fixé)`);
    } else targets[key] = target;
  }
  return targets;
}

/** A territory file's content (JSON already parsed), checked; throws every problem at once, in French. */
export function parseTerritoryFile(json: unknown): TerritoryFile {
  const problems: string[] = [];
  if (!isObject(json)) throw new Error('Fichier de territoire invalide : un objet JSON est attendu ({ "departement", "chefsDeFile", "targets" }).');
  unknownFields(json, ['departement', 'chefsDeFile', 'targets'], '', problems);
  const code = json.departement;
  let departement: string | null = null;
  if (typeof code !== 'string' || !isKnownDepartement(code)) {
    problems.push(`departement : ${typeof code === 'string' ? `« ${code} » n'est pas un département connu` : 'code absent'} (attendu sous la forme 013, 2A ou 971)`);
  } else departement = departementKey(code);
  const file: TerritoryFile = { departement: departement ?? '' };
  if (json.chefsDeFile !== undefined) file.chefsDeFile = checkChefs(json.chefsDeFile, departement, problems);
  if (json.targets !== undefined) file.targets = checkTargets(json.targets, problems);
  if (problems.length > 0) throw new Error(`Fichier de territoire invalide :\n- ${problems.join(' ;\n- ')}.`);
  return file;
}
