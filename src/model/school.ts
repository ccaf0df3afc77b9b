// A school of the directory (the Annuaire de l'éducation, or demonstration data), and who pays for it.

export type ChefDeFile = 'ville-marseille' | 'cd13';
export type EducationPrioritaire = 'REP+' | 'REP';
export type DirectorySource = 'demo' | 'generated' | 'annuaire';

export interface DirectorySchool {
  uai: string;
  name: string;
  commune: string;
  /** INSEE code of the commune (Marseille's arrondissements: 13201 to 13216). */
  communeCode: string;
  circonscription: string;
  educationPrioritaire: EducationPrioritaire | null;
  chefDeFile: ChefDeFile;
  maternelle: boolean;
  elementaire: boolean;
  classes: number | null;
  pupils: number | null;
  ips: number | null;
  open: boolean;
  source: DirectorySource;
  /** Set when a later import of the directory no longer lists this school (it is kept: fiches may hang on it). */
  leftDirectory?: boolean;
}

export const MARSEILLE_COMMUNE_CODE = '13055';

/** Ville de Marseille for Marseille and its arrondissements, CD13 for every other commune. */
export function chefDeFileForCommune(communeCode: string): ChefDeFile {
  if (communeCode === MARSEILLE_COMMUNE_CODE) return 'ville-marseille';
  const n = Number(communeCode);
  return /^\d{5}$/.test(communeCode) && n >= 13201 && n <= 13216 ? 'ville-marseille' : 'cd13';
}

export const CHEF_DE_FILE_LABELS: Record<ChefDeFile, string> = {
  'ville-marseille': 'Ville de Marseille',
  cd13: 'Conseil départemental 13',
};

/** A school the directory counts: open and still listed. The others count only through their fiches ("hors annuaire"). */
export function isOpenSchool(school: DirectorySchool): boolean {
  return school.open && !school.leftDirectory;
}
