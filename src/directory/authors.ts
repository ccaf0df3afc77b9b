// Who saved generated fiches: one ERUN per circonscription and one technician per commune, as in the field,
// plus school directors. Names are invented from common first and last names.
import type { Author } from '../model/types';
import type { DirectorySchool } from '../model/school';
import type { Random } from './prng';

const FIRST_NAMES = [
  'Camille', 'Nadia', 'Karim', 'Sophie', 'Julien', 'Mireille', 'Thomas', 'Leïla', 'Fabrice', 'Aurélie', 'Mehdi',
  'Claire', 'Olivier', 'Sandrine', 'Yasmine', 'Stéphane', 'Inès', 'Laurent', 'Chloé', 'Rachid', 'Élodie', 'Franck',
  'Samia', 'Vincent', 'Hélène', 'Jérôme', 'Mathilde', 'Sébastien',
] as const;

const LAST_NAMES = [
  'Martin', 'Bernard', 'Roux', 'Fabre', 'Garcia', 'Benali', 'Moreau', 'Giraud', 'Lopez', 'Mercier', 'Chabert',
  'Ferrandi', 'Blanc', 'Nguyen', 'Rey', 'Arnaud', 'Ouali', 'Castel', 'Gauthier', 'Pons', 'Meyer', 'Santoni',
  'Aubert', 'Lefèvre', 'Peyre', 'Di Marco', 'Haddad', 'Olivier-Brun',
] as const;

export interface AuthorPool {
  erun(school: DirectorySchool): Author;
  technician(school: DirectorySchool): Author;
  director(school: DirectorySchool): Author;
  /** A conseiller pédagogique of the circonscription, who sometimes fills in fiches too. */
  adviser(school: DirectorySchool): Author;
}

export function createAuthorPool(random: Random): AuthorPool {
  const personName = () => `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
  const cached = (cache: Map<string, Author>, key: string, role: Author['role']): Author => {
    let author = cache.get(key);
    if (!author) {
      author = { name: personName(), role };
      cache.set(key, author);
    }
    return { ...author };
  };
  const eruns = new Map<string, Author>();
  const technicians = new Map<string, Author>();
  const directors = new Map<string, Author>();
  const advisers = new Map<string, Author>();
  return {
    erun: (school) => cached(eruns, school.circonscription, 'erun'),
    // Marseille's technicians work for the city, not for one arrondissement.
    technician: (school) => {
      const team = school.chefDeFile === 'ville-marseille' ? `13055-${random.int(1, 12)}` : school.communeCode;
      return cached(technicians, team, 'technicien');
    },
    director: (school) => cached(directors, school.uai, 'directeur'),
    adviser: (school) => cached(advisers, school.circonscription, 'autre'),
  };
}
