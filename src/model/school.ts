// A school of the directory (the Annuaire de l'éducation, or demonstration data), and who pays for it.

/** The id of the collectivité that pays for the school: one of the territory's chefs de file (src/territory). */
export type ChefDeFile = string;
export type EducationPrioritaire = 'REP+' | 'REP';
export type DirectorySource = 'demo' | 'generated' | 'annuaire';

export interface DirectorySchool {
  uai: string;
  name: string;
  commune: string;
  /** INSEE code of the commune (a city with arrondissements is given by its arrondissement's). */
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

/** A school the directory counts: open and still listed. The others count only through their fiches ("hors annuaire"). */
export function isOpenSchool(school: DirectorySchool): boolean {
  return school.open && !school.leftDirectory;
}
