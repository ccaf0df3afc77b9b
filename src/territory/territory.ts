// A TNE département's configuration (domain.md, "Other départements"): its code and name, who pays for which school
// (the chefs de file, each with the communes it covers, and the one that covers every other commune) and the two
// targets the Département screen shows progress against. The Bouches-du-Rhône's is shipped; any other département
// gets a generic one (its Conseil départemental for every commune unless a city is named). Nothing else in the code
// names a département, a commune or a collectivité.

export interface ChefDeFileConfig {
  /** A stable id, written in records and exports: 'ville-marseille', 'cd13'. */
  id: string;
  /** As a reader names it: 'Ville de Marseille', 'Conseil départemental des Bouches-du-Rhône'. */
  label: string;
  /** INSEE codes of the communes it covers (a city and its arrondissements); empty for the default one. */
  communes: readonly string[];
}

export interface TerritoryConfig {
  /** As people write it, without leading zeros: '13', '2A', '971'. */
  departement: string;
  /** 'Bouches-du-Rhône'. */
  name: string;
  /** The name after "Département": 'des Bouches-du-Rhône', 'du Val-de-Marne', "de l'Aisne", 'de la Vienne'. */
  nameWithArticle: string;
  /** In the order exports and screens list them; exactly one has no communes: it covers every other commune. */
  chefsDeFile: readonly ChefDeFileConfig[];
  /** Classes to bring to the socle and néo-titulaires to equip; null when the Département has not set it. */
  targets: { classes: number | null; newTeachers: number | null };
}
