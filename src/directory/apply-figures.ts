// Joins the figure files to the directory on the UAI: classes and pupils of the latest rentrée, and the IPS.
import type { DirectorySchool } from '../model/school';
import type { SchoolEffectifs } from './effectifs';
import type { SchoolIps } from './ips';

/**
 * New school objects with the effectifs' classes and pupils and the IPS where the files have them; a figure the
 * effectifs leave blank keeps the directory's own value (the annuaire's Nombre_d_eleves).
 */
export function withFigures(
  schools: readonly DirectorySchool[],
  effectifs: ReadonlyMap<string, SchoolEffectifs>,
  ips: ReadonlyMap<string, SchoolIps>,
): DirectorySchool[] {
  return schools.map((school) => {
    const counts = effectifs.get(school.uai);
    const index = ips.get(school.uai);
    return {
      ...school,
      classes: counts?.classes ?? school.classes,
      pupils: counts?.pupils ?? school.pupils,
      ips: index?.ips ?? school.ips,
    };
  });
}
