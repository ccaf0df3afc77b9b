// The Bouches-du-Rhône, where the application was first deployed: the Ville de Marseille pays for the schools of
// Marseille (13055, and its arrondissements 13201 to 13216, which the Annuaire gives as the commune), the Conseil
// départemental for every other commune. The ids are written in stored records and in the spreadsheets: they stay.
import type { TerritoryConfig } from '../territory';

const MARSEILLE = '13055';
const ARRONDISSEMENTS = Array.from({ length: 16 }, (_, i) => String(13201 + i));

export const BOUCHES_DU_RHONE: TerritoryConfig = {
  departement: '13',
  name: 'Bouches-du-Rhône',
  nameWithArticle: 'des Bouches-du-Rhône',
  chefsDeFile: [
    { id: 'ville-marseille', label: 'Ville de Marseille', labelWithArticle: 'de la Ville de Marseille', communes: [MARSEILLE, ...ARRONDISSEMENTS] },
    // The label the screens and spreadsheets have always shown; the generic one would read "Conseil départemental
    // des Bouches-du-Rhône".
    { id: 'cd13', label: 'Conseil départemental 13', labelWithArticle: 'du Conseil départemental 13', communes: [] },
  ],
  targets: { classes: 2700, newTeachers: 1000 },
};
