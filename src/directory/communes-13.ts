// Communes of the Bouches-du-Rhône used by the generated département. Codes, names and populations are real
// (INSEE, via @etalab/decoupage-administratif, written down here so the app never loads that package);
// the IPS baselines and the circonscriptions are plausible inventions for benchmark data.

export interface Commune13 {
  /** INSEE code (Marseille's arrondissements: 13201 to 13216). */
  code: string;
  name: string;
  population: number;
  /** Typical IPS of the commune's schools: drives éducation prioritaire and the schools' IPS. */
  ipsBase: number;
  circonscriptions: readonly string[];
}

type Row = readonly [code: string, name: string, population: number, ipsBase: number, circonscriptions: readonly string[]];

const AIX_N = 'Aix-en-Provence Nord';
const AIX_S = 'Aix-en-Provence Sud';
const AIX_E = "Aix-en-Provence Est – Vallée de l'Arc";
const ARLES = 'Arles';
const ALPILLES = 'Saint-Rémy – Alpilles';
const TARASCON = 'Tarascon – Châteaurenard';
const AUBAGNE = 'Aubagne';
const HUVEAUNE = 'Aubagne – Haute-Huveaune';
const CIOTAT = 'La Ciotat – Cassis';
const MARTIGUES = 'Martigues – Port-de-Bouc';
const COTE_BLEUE = 'Martigues – Côte Bleue';
const ISTRES = 'Istres – Miramas';
const SALON = 'Salon-de-Provence';
const DURANCE = 'Lambesc – Val de Durance';
const VITROLLES = 'Vitrolles';
const MARIGNANE = "Marignane – Berre-l'Étang";
const GARDANNE = 'Gardanne';
const PENNES = 'Les Pennes-Mirabeau – Septèmes';
const ALLAUCH = 'Allauch – Plan-de-Cuques';

const ROWS: readonly Row[] = [
  ['13201', 'Marseille 1er Arrondissement', 37600, 80, ['Marseille 01 – Centre']],
  ['13202', 'Marseille 2e Arrondissement', 24400, 78, ['Marseille 02 – Joliette']],
  ['13203', 'Marseille 3e Arrondissement', 58000, 73, ['Marseille 03 – Belle-de-Mai', 'Marseille 20 – Saint-Mauront']],
  ['13204', 'Marseille 4e Arrondissement', 49400, 99, ['Marseille 05 – Blancarde', 'Marseille 04 – Saint-Barnabé']],
  ['13205', 'Marseille 5e Arrondissement', 45700, 103, ['Marseille 05 – Blancarde']],
  ['13206', 'Marseille 6e Arrondissement', 38500, 110, ['Marseille 06 – Castellane', 'Marseille 01 – Centre']],
  ['13207', 'Marseille 7e Arrondissement', 35200, 117, ['Marseille 07 – Endoume']],
  ['13208', 'Marseille 8e Arrondissement', 84700, 119, ['Marseille 08 – Bonneveine', 'Marseille 09 – Mazargues']],
  ['13209', 'Marseille 9e Arrondissement', 77400, 110, ['Marseille 09 – Mazargues', 'Marseille 12 – Sainte-Marguerite']],
  ['13210', 'Marseille 10e Arrondissement', 60300, 95, ['Marseille 10 – Saint-Loup']],
  ['13211', 'Marseille 11e Arrondissement', 59900, 99, ['Marseille 11 – La Valentine']],
  ['13212', 'Marseille 12e Arrondissement', 64400, 109, ['Marseille 04 – Saint-Barnabé', 'Marseille 11 – La Valentine']],
  ['13213', 'Marseille 13e Arrondissement', 95100, 86, ['Marseille 13 – Château-Gombert', 'Marseille 14 – Malpassé']],
  ['13214', 'Marseille 14e Arrondissement', 60500, 79, ['Marseille 15 – Sainte-Marthe', 'Marseille 16 – Le Merlan']],
  ['13215', 'Marseille 15e Arrondissement', 79200, 75, ['Marseille 17 – Saint-Louis', 'Marseille 18 – La Viste']],
  ['13216', 'Marseille 16e Arrondissement', 15900, 85, ["Marseille 19 – L'Estaque"]],
  ['13001', 'Aix-en-Provence', 149700, 111, [AIX_N, AIX_S, AIX_E]],
  ['13032', 'Éguilles', 8500, 118, [AIX_N]],
  ['13113', 'Venelles', 8400, 117, [AIX_N]],
  ['13060', 'Meyreuil', 6700, 112, [AIX_E]],
  ['13110', 'Trets', 10900, 104, [AIX_E]],
  ['13040', 'Fuveau', 10300, 114, [AIX_E]],
  ['13087', 'Rousset', 5400, 110, [AIX_E]],
  ['13004', 'Arles', 51800, 91, [ARLES]],
  ['13096', 'Saintes-Maries-de-la-Mer', 2400, 96, [ARLES]],
  ['13097', 'Saint-Martin-de-Crau', 14100, 97, [ARLES]],
  ['13100', 'Saint-Rémy-de-Provence', 9600, 109, [ALPILLES]],
  ['13035', 'Eyguières', 7100, 103, [ALPILLES]],
  ['13108', 'Tarascon', 15400, 87, [TARASCON]],
  ['13027', 'Châteaurenard', 16500, 95, [TARASCON]],
  ['13005', 'Aubagne', 47500, 101, [AUBAGNE]],
  ['13070', 'La Penne-sur-Huveaune', 6600, 102, [AUBAGNE]],
  ['13086', 'Roquevaire', 8900, 106, [HUVEAUNE]],
  ['13007', 'Auriol', 13000, 104, [HUVEAUNE]],
  ['13028', 'La Ciotat', 38500, 101, [CIOTAT]],
  ['13022', 'Cassis', 6700, 116, [CIOTAT]],
  ['13119', 'Carnoux-en-Provence', 6900, 112, [CIOTAT]],
  ['13056', 'Martigues', 48300, 97, [MARTIGUES, COTE_BLEUE]],
  ['13077', 'Port-de-Bouc', 15800, 84, [MARTIGUES]],
  ['13039', 'Fos-sur-Mer', 15900, 96, [MARTIGUES]],
  ['13104', 'Sausset-les-Pins', 7600, 115, [COTE_BLEUE]],
  ['13098', 'Saint-Mitre-les-Remparts', 6200, 108, [COTE_BLEUE]],
  ['13026', 'Châteauneuf-les-Martigues', 18500, 100, [COTE_BLEUE]],
  ['13047', 'Istres', 44300, 102, [ISTRES]],
  ['13063', 'Miramas', 26200, 89, [ISTRES]],
  ['13092', 'Saint-Chamas', 8700, 101, [ISTRES]],
  ['13103', 'Salon-de-Provence', 44200, 99, [SALON]],
  ['13069', 'Pélissanne', 11100, 107, [SALON]],
  ['13051', 'Lançon-Provence', 9900, 109, [SALON]],
  ['13050', 'Lambesc', 10000, 106, [DURANCE]],
  ['13053', 'Mallemort', 6200, 101, [DURANCE]],
  ['13117', 'Vitrolles', 36800, 94, [VITROLLES]],
  ['13081', 'Rognac', 12600, 103, [VITROLLES]],
  ['13054', 'Marignane', 33700, 97, [MARIGNANE]],
  ['13014', "Berre-l'Étang", 13800, 93, [MARIGNANE]],
  ['13041', 'Gardanne', 21600, 99, [GARDANNE]],
  ['13071', 'Les Pennes-Mirabeau', 22500, 108, [PENNES]],
  ['13106', 'Septèmes-les-Vallons', 12000, 96, [PENNES]],
  ['13015', 'Bouc-Bel-Air', 15400, 117, [GARDANNE]],
  ['13019', 'Cabriès', 10200, 115, [PENNES]],
  ['13002', 'Allauch', 21400, 113, [ALLAUCH]],
  ['13075', 'Plan-de-Cuques', 11600, 114, [ALLAUCH]],
];

export const COMMUNES_13: readonly Commune13[] = ROWS.map(([code, name, population, ipsBase, circonscriptions]) => ({
  code,
  name,
  population,
  ipsBase,
  circonscriptions,
}));
