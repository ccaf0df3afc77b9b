// A TNE département's configuration (domain.md, "Other départements"): its code and name, who pays for which school
// (the chefs de file, each with the communes it covers, and the one that covers every other commune) and the two
// targets the Département screen shows progress against. The Bouches-du-Rhône's is shipped (config/); any other
// département gets a generic one (its Conseil départemental for every commune unless a city is named). Nothing else
// in the code names a département, a commune or a collectivité: it reads them here.
//
// This is the lowest layer: plain data and plain functions, importing nothing of the app, so that the model (the
// référentiel carries the territory), the directory's import, the gaps and the server all read the same one.

export interface ChefDeFileConfig {
  /** A stable id, written in records and exports: 'ville-marseille', 'cd13', 'cd94'. */
  id: string;
  /** As a reader names it: 'Ville de Marseille', 'Conseil départemental du Val-de-Marne'. */
  label: string;
  /** Its label after "de" ("Budget HT de la Ville de Marseille"): 'de la Ville de Marseille', 'du Conseil départemental 13'. */
  labelWithArticle: string;
  /** INSEE codes of the communes it covers (a city and its arrondissements); empty for the default one. */
  communes: readonly string[];
}

/** Who the territory is and who pays for which school: what the référentiel carries (`Referential.territory`). */
export interface Territory {
  /** As people write it, without leading zeros: '13', '2A', '971'. */
  departement: string;
  /** 'Val-de-Marne'. */
  name: string;
  /** The name after "Département": 'du Val-de-Marne', "de l'Aisne", 'de la Vienne', 'des Vosges'. */
  nameWithArticle: string;
  /** In the order exports and screens list them; exactly one has no communes: it covers every other commune. */
  chefsDeFile: readonly ChefDeFileConfig[];
}

/** Classes to bring to the socle and néo-titulaires to equip; null when the Département has not set it. */
export interface TerritoryTargets {
  classes: number | null;
  newTeachers: number | null;
}

/**
 * A département's whole configuration: the territory and its targets. The référentiel keeps the two apart (its
 * `targets` are edited in Paramètres, its `territory` is not), so a default référentiel takes both from here.
 */
export interface TerritoryConfig extends Territory {
  targets: TerritoryTargets;
}

/** A chef de file's id: lower-case letters, digits and dashes ('cd94', 'ville-poitiers'). */
export const CHEF_DE_FILE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A département code without its leading zeros, so '013' and '13' (or '02A' and '2A') compare equal. */
export function departementKey(code: string): string {
  return code.trim().toUpperCase().replace(/^0+(?=.)/, '');
}

/** The chef de file that covers every commune no other one names. */
export function defaultChefDeFile(territory: Territory): ChefDeFileConfig {
  // A territory is checked when it is made (territoryFor, parseTerritoryFile): it always has exactly one.
  return territory.chefsDeFile.find((chef) => chef.communes.length === 0) as ChefDeFileConfig;
}

/** The id of the chef de file of a commune (INSEE code): the one that names it, else the default one. */
export function chefDeFileOf(territory: Territory, communeCode: string): string {
  const code = communeCode.trim().toUpperCase();
  return (territory.chefsDeFile.find((chef) => chef.communes.includes(code)) ?? defaultChefDeFile(territory)).id;
}

/**
 * A chef de file's label. A school imported under another configuration may carry an id this territory does not
 * list: it is shown as written rather than dropped.
 */
export function chefDeFileLabel(territory: Territory, id: string): string {
  return territory.chefsDeFile.find((chef) => chef.id === id)?.label ?? id;
}

/**
 * "de la Ville de Poitiers", "du Conseil départemental 13", "de l'Eurométropole": a territory file may leave this to
 * the first word (Ville, Métropole, Communauté, Collectivité are feminine, a vowel elides, the rest is taken as
 * masculine) or write it.
 */
export function withArticle(label: string): string {
  if (/^[aeiouyàâéèêîôû]/i.test(label)) return `de l'${label}`;
  if (/^(?:ville|métropole|commune|communauté|collectivité)\b/i.test(label)) return `de la ${label}`;
  return `du ${label}`;
}

/** The chefs de file's ids, in the territory's order. */
export function chefDeFileIds(territory: Territory): string[] {
  return territory.chefsDeFile.map((chef) => chef.id);
}
