// Demonstration directory: about forty public écoles of the Bouches-du-Rhône, so the app can be tried without
// importing the Annuaire de l'éducation. Communes and their INSEE codes are real (@etalab/decoupage-administratif);
// school names, UAIs, circonscriptions and figures are made up: nothing here describes an actual school.
import { BOUCHES_DU_RHONE } from '../territory/config/bouches-du-rhone';
import { chefDeFileOf } from '../territory/territory';
import type { DirectorySchool, EducationPrioritaire } from '../model/school';

export { DEMO_DIRECTORY_LABEL } from './demo-label';

type DemoRow = readonly [
  uai: string,
  name: string,
  commune: string,
  communeCode: string,
  circonscription: string,
  educationPrioritaire: EducationPrioritaire | null,
  classes: number,
  pupils: number,
  ips: number,
  maternelle?: boolean,
];

const M1 = 'Marseille 1er Arrondissement';
const M2 = 'Marseille 2e Arrondissement';
const M3 = 'Marseille 3e Arrondissement';
const M4 = 'Marseille 4e Arrondissement';

// UAIs: '013' + four digits + the check letter of uaiCheckLetter, computed once and written down.
const ROWS: readonly DemoRow[] = [
  ['0139664J', 'École élémentaire Les Capucins', M1, '13201', 'Marseille 01 – Centre', 'REP+', 11, 253, 78.4],
  ['0132695J', 'École élémentaire Joliette – Les Docks', M2, '13202', 'Marseille 02 – Joliette', 'REP+', 12, 271, 74.9],
  ['0134154V', 'École élémentaire Belle-de-Mai – Les Tilleuls', M3, '13203', 'Marseille 03 – Belle-de-Mai', 'REP+', 14, 309, 71.2],
  ['0131790A', 'École primaire Saint-Mauront', M3, '13203', 'Marseille 03 – Belle-de-Mai', 'REP+', 16, 358, 73.5, true],
  ['0138930L', 'École élémentaire Chartreux – Les Lilas', M4, '13204', 'Marseille 05 – Blancarde', null, 10, 238, 98.6],
  ['0135507R', 'École élémentaire Notre-Dame-du-Mont', 'Marseille 6e Arrondissement', '13206', 'Marseille 06 – Castellane', null, 9, 221, 108.3],
  ['0135132H', 'École élémentaire Endoume – Les Catalans', 'Marseille 7e Arrondissement', '13207', 'Marseille 07 – Endoume', null, 7, 174, 118.6],
  ['0137771B', 'École élémentaire Bonneveine – Les Calanques', 'Marseille 8e Arrondissement', '13208', 'Marseille 08 – Bonneveine', null, 13, 325, 121.4],
  ['0134939Y', 'École élémentaire Sainte-Marguerite', 'Marseille 9e Arrondissement', '13209', 'Marseille 09 – Mazargues', null, 12, 294, 112.7],
  ['0133185S', 'École élémentaire La Capelette', 'Marseille 10e Arrondissement', '13210', 'Marseille 10 – Saint-Loup', 'REP', 10, 236, 92.1],
  ['0136390A', 'École primaire Saint-Marcel – Les Acacias', 'Marseille 11e Arrondissement', '13211', 'Marseille 11 – La Valentine', null, 15, 352, 101.5, true],
  ['0133549M', 'École élémentaire Saint-Barnabé – Les Platanes', 'Marseille 12e Arrondissement', '13212', 'Marseille 04 – Saint-Barnabé', null, 11, 270, 110.2],
  ['0132169M', 'École élémentaire Malpassé – Les Lauriers', 'Marseille 13e Arrondissement', '13213', 'Marseille 14 – Malpassé', 'REP+', 15, 334, 72.8],
  ['0131689R', 'École élémentaire Le Merlan – Les Mimosas', 'Marseille 14e Arrondissement', '13214', 'Marseille 16 – Le Merlan', 'REP+', 13, 291, 75.6],
  ['0132261M', 'École élémentaire La Cabucelle – Les Amandiers', 'Marseille 15e Arrondissement', '13215', 'Marseille 17 – Saint-Louis', 'REP+', 17, 378, 70.9],
  ['0137403B', "École élémentaire L'Estaque – Le Port", 'Marseille 16e Arrondissement', '13216', "Marseille 19 – L'Estaque", 'REP', 8, 190, 86.4],
  ['0134057P', 'École élémentaire Jas-de-Bouffan – Les Genêts', 'Aix-en-Provence', '13001', 'Aix-en-Provence Nord', 'REP', 12, 281, 88.9],
  ['0133747C', 'École élémentaire Les Platanes', 'Aix-en-Provence', '13001', 'Aix-en-Provence Sud', null, 9, 224, 124.1],
  ['0136559J', 'École primaire Puyricard – Les Cigales', 'Aix-en-Provence', '13001', 'Aix-en-Provence Nord', null, 8, 197, 119.8, true],
  ['0135998Z', 'École élémentaire Griffeuille – Van-Gogh', 'Arles', '13004', 'Arles', 'REP', 10, 229, 84.2],
  ['0136479X', 'École primaire Salin-de-Giraud – Les Salins', 'Arles', '13004', 'Arles', null, 5, 118, 95.7, true],
  ['0139542B', 'École élémentaire Les Passons', 'Aubagne', '13005', 'Aubagne', null, 8, 196, 102.3],
  ['0139527K', 'École élémentaire Le Charrel', 'Aubagne', '13005', 'Aubagne', 'REP', 11, 254, 89.5],
  ['0132520U', 'École élémentaire Jonquières – Les Pins', 'Martigues', '13056', 'Martigues – Port-de-Bouc', null, 9, 218, 99.1],
  ['0134977P', 'École élémentaire Canto-Perdrix', 'Martigues', '13056', 'Martigues – Port-de-Bouc', 'REP', 10, 232, 85.8],
  ['0131100A', 'École élémentaire Le Prépaou – Les Heures-Claires', 'Istres', '13047', 'Istres – Miramas', null, 11, 268, 103.8],
  ['0138295W', 'École élémentaire La Maille – Les Oliviers', 'Miramas', '13063', 'Istres – Miramas', 'REP', 12, 275, 82.6],
  ['0138516L', 'École élémentaire Les Oliviers', 'La Ciotat', '13028', 'La Ciotat – Cassis', null, 10, 243, 104.6],
  ['0136651J', 'École élémentaire Le Liourat – Les Pins', 'Vitrolles', '13117', 'Vitrolles', 'REP', 13, 297, 83.9],
  ['0135737R', 'École élémentaire Les Canourgues', 'Salon-de-Provence', '13103', 'Salon-de-Provence', 'REP', 12, 272, 81.7],
  ['0132101N', "École primaire La Monaque – L'Empéri", 'Salon-de-Provence', '13103', 'Salon-de-Provence', null, 14, 339, 107.9, true],
  ['0138738C', 'École élémentaire Les Pinchinades', 'Marignane', '13054', "Marignane – Berre-l'Étang", null, 9, 215, 98.4],
  ['0135440T', 'École élémentaire Biver – Les Mimosas', 'Gardanne', '13041', 'Gardanne', null, 7, 170, 100.6],
  ['0138456W', 'École élémentaire Les Aigues-Douces', 'Port-de-Bouc', '13077', 'Martigues – Port-de-Bouc', 'REP+', 10, 226, 76.3],
  ['0132855H', 'École élémentaire Ferrages – Le Château', 'Tarascon', '13108', 'Tarascon – Châteaurenard', 'REP', 9, 207, 80.9],
  ['0136206A', 'École élémentaire Le Logis-Neuf', 'Allauch', '13002', 'Allauch – Plan-de-Cuques', null, 6, 148, 113.4],
  ['0134418G', 'École élémentaire Les Roselières', 'Châteaurenard', '13027', 'Tarascon – Châteaurenard', null, 8, 190, 96.8],
  ['0132308N', 'École primaire La Jonquière', 'Fos-sur-Mer', '13039', 'Martigues – Port-de-Bouc', null, 6, 140, 97.3, true],
  ['0131572N', 'École élémentaire Les Alpilles – Frédéric-Mistral', 'Saint-Rémy-de-Provence', '13100', 'Saint-Rémy – Alpilles', null, 7, 166, 111.0],
  ['0134156X', 'École élémentaire Le Béal – Les Salins', "Berre-l'Étang", '13014', "Marignane – Berre-l'Étang", null, 9, 209, 94.2],
];

export const DEMO_SCHOOLS: readonly DirectorySchool[] = ROWS.map(
  ([uai, name, commune, communeCode, circonscription, educationPrioritaire, classes, pupils, ips, maternelle = false]) => ({
    uai,
    name,
    commune,
    communeCode,
    circonscription,
    educationPrioritaire,
    chefDeFile: chefDeFileOf(BOUCHES_DU_RHONE, communeCode),
    maternelle,
    elementaire: true,
    classes,
    pupils,
    ips,
    open: true,
    source: 'demo' as const,
  }),
);
