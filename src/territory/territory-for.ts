// The configuration of any département: the shipped one when there is one (the Bouches-du-Rhône), else the generic
// default (its Conseil départemental for every commune, no target set), and a deployment's territory file on top of
// either (a named city, targets: territory-file.ts).
import table from './config/departements.json';
import { SHIPPED_CONFIGS, SHIPPED_TERRITORY } from './config';
import { departementKey, type ChefDeFileConfig, type TerritoryConfig } from './territory';
import type { TerritoryFile } from './territory-file';

interface DepartementName {
  code: string;
  name: string;
  nameWithArticle: string;
}

const NAMES = new Map((table.departements as DepartementName[]).map((d) => [departementKey(d.code), d]));

export { SHIPPED_TERRITORY };

/** Whether a code ('094', '94', '2A', '971') is one of the 101 départements. */
export function isKnownDepartement(code: string): boolean {
  return NAMES.has(departementKey(code));
}

/** The département as the Annuaire writes it: three characters, '013', '02A', '971'. */
export function annuaireCode(departement: string): string {
  return departementKey(departement).padStart(3, '0');
}

/** Its Conseil départemental for every commune, and no target: a département nobody has configured yet. */
function genericTerritory(name: DepartementName): TerritoryConfig {
  const departement = departementKey(name.code);
  return {
    departement,
    name: name.name,
    nameWithArticle: name.nameWithArticle,
    chefsDeFile: [{
      id: `cd${departement.toLowerCase()}`,
      label: `Conseil départemental ${name.nameWithArticle}`,
      labelWithArticle: `du Conseil départemental ${name.nameWithArticle}`,
      communes: [],
    }],
    targets: { classes: null, newTeachers: null },
  };
}

/**
 * The configuration of a département ('094', '94', '2A', '971'): the shipped one, else the generic one; with a
 * territory file (already checked by parseTerritoryFile), its named chefs de file come first, in its order, then
 * the default one (the file's, if it names one without communes, else the Conseil départemental), and the targets
 * it sets replace the others. Throws, in French, for an unknown département or a file of another one.
 */
export function territoryFor(departementCode: string, file?: TerritoryFile): TerritoryConfig {
  const departement = departementKey(departementCode);
  const name = NAMES.get(departement);
  if (!name) throw new Error(`Département « ${departementCode} » inconnu : attendu sous la forme 013, 2A ou 971.`);
  const base = SHIPPED_CONFIGS.find((config) => config.departement === departement) ?? genericTerritory(name);
  if (!file) return base;
  if (departementKey(file.departement) !== departement) {
    throw new Error(`Le fichier de territoire décrit le département ${departementKey(file.departement)}, pas le ${departement}.`);
  }
  const chefsDeFile: ChefDeFileConfig[] = file.chefsDeFile ? [...file.chefsDeFile] : base.chefsDeFile.filter((chef) => chef.communes.length > 0);
  if (!chefsDeFile.some((chef) => chef.communes.length === 0)) {
    const fallback = base.chefsDeFile.find((chef) => chef.communes.length === 0) as ChefDeFileConfig;
    if (chefsDeFile.some((chef) => chef.id === fallback.id)) {
      throw new Error(`Fichier de territoire : chefsDeFile : l'identifiant « ${fallback.id} » est celui du chef de file par défaut ; donnez-en un autre.`);
    }
    chefsDeFile.push(fallback);
  }
  return { ...base, chefsDeFile, targets: { ...base.targets, ...file.targets } };
}
