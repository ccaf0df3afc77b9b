// Synthetic school names for the generated département: Marseille's schools are named after their quartier
// (as many real ones are), the others after a person or a place. Any likeness to a real school is chance.
import type { Random } from './prng';

/** Quartiers of each Marseille arrondissement, by INSEE code. */
const QUARTIERS: Readonly<Record<string, readonly string[]>> = {
  '13201': ['Belsunce', 'Noailles', 'Le Chapitre', 'Thiers', 'Opéra'],
  '13202': ['La Joliette', 'Arenc', 'Les Grands-Carmes', 'Hôtel-de-Ville'],
  '13203': ['Belle-de-Mai', 'Saint-Mauront', 'Saint-Lazare', 'La Villette'],
  '13204': ['Les Chartreux', 'Les Cinq-Avenues', 'La Blancarde', 'Saint-Just'],
  '13205': ['Baille', 'Le Camas', 'La Conception', 'Saint-Pierre'],
  '13206': ['Castellane', 'Lodi', 'Notre-Dame-du-Mont', 'Vauban', 'Préfecture'],
  '13207': ['Endoume', 'Bompard', 'Saint-Victor', 'Les Catalans', 'Le Roucas-Blanc'],
  '13208': ['Périer', 'Bonneveine', 'La Pointe-Rouge', 'Sainte-Anne', 'Le Rouet', 'Saint-Giniez'],
  '13209': ['Mazargues', 'La Rouvière', 'Vaufrèges', 'Le Redon', 'La Panouse', 'Sormiou'],
  '13210': ['Menpenti', 'La Capelette', 'Saint-Tronc', 'Pont-de-Vivaux', 'Saint-Loup'],
  '13211': ['La Valentine', 'Saint-Marcel', 'Les Camoins', 'La Pomme', 'Les Accates'],
  '13212': ['Saint-Barnabé', 'Montolivet', 'Les Trois-Lucs', 'Les Caillols', 'Saint-Julien'],
  '13213': ['Château-Gombert', 'Saint-Jérôme', 'Malpassé', 'Frais-Vallon', 'La Rose', 'Les Olives'],
  '13214': ['Sainte-Marthe', 'Le Merlan', 'Saint-Barthélemy', 'Le Canet', 'Saint-Joseph'],
  '13215': ['Saint-Louis', 'La Cabucelle', 'Les Aygalades', 'Verduron', 'La Viste', 'Saint-Antoine'],
  '13216': ["L'Estaque", 'Saint-Henri', 'Saint-André', 'Les Riaux'],
};

const PEOPLE = [
  'Jules-Ferry', 'Jean-Jaurès', 'Victor-Hugo', 'Louis-Pasteur', 'Marie-Curie', 'Jacques-Prévert', 'Jean-Moulin',
  'Paul-Langevin', 'Frédéric-Mistral', 'Marcel-Pagnol', 'Albert-Camus', 'Simone-Veil', 'Lucie-Aubrac',
  'Jean-de-La-Fontaine', 'Alphonse-Daudet', 'Edmond-Rostand', 'Paul-Cézanne', 'Émile-Zola', 'Condorcet',
  'Louise-Michel', 'George-Sand', 'Jules-Verne', 'Antoine-de-Saint-Exupéry', 'Germaine-Tillion', 'Joséphine-Baker',
  'Honoré-Daumier', 'Jean-Giono', 'Olympe-de-Gouges', 'Pierre-Puget', 'Gisèle-Halimi',
] as const;

const PLACES = [
  'Les Oliviers', 'Les Pins', 'La Bastide', 'Le Château', 'Les Lavandes', 'Les Cigales', 'Le Moulin', 'Les Platanes',
  'Le Centre', 'Les Amandiers', 'Les Tilleuls', 'Les Mimosas', 'Les Genêts', 'La Roseraie', 'Les Cyprès', 'Le Stade',
  'La Gare', 'Les Romarins', 'Les Micocouliers', 'Le Vallon', 'La Colline', 'Les Écureuils', 'Le Canal', 'Les Vignes',
] as const;

export interface SchoolNamer {
  /** A name unique among those this namer gave in the same commune. */
  name(communeCode: string, primaire: boolean): string;
}

function baseName(random: Random, communeCode: string): string {
  const quartiers = QUARTIERS[communeCode];
  const dedication = random.chance(0.5) ? random.pick(PEOPLE) : random.pick(PLACES);
  if (quartiers) return random.chance(0.25) ? random.pick(quartiers) : `${random.pick(quartiers)} – ${dedication}`;
  return dedication;
}

export function createSchoolNamer(random: Random): SchoolNamer {
  const given = new Set<string>();
  return {
    name(communeCode, primaire) {
      const kind = primaire ? 'École primaire' : 'École élémentaire';
      let base = `${kind} ${baseName(random, communeCode)}`;
      for (let tries = 0; tries < 5 && given.has(`${communeCode}|${base}`); tries += 1) {
        base = `${kind} ${baseName(random, communeCode)}`;
      }
      // Still taken: number it, as communes do with two schools of one name.
      let name = base;
      for (let n = 2; given.has(`${communeCode}|${name}`); n += 1) name = `${base} ${n}`;
      given.add(`${communeCode}|${name}`);
      return name;
    },
  };
}
