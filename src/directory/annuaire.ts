// Import of the "Annuaire de l'éducation" (fr-en-annuaire-education), one record at a time: keeps the
// département's public écoles with élémentaire classes, refuses bad UAIs, merges duplicates, and reports in
// French where every other line went. Closed schools are kept with open = false so a re-import can mark them.
import type { DirectorySchool } from '../model/school';
import { chefDeFileOf, departementKey, type Territory } from '../territory/territory';
import { SHIPPED_TERRITORY, territoryFor } from '../territory/territory-for';
import { cell, createColumnGate } from './columns';
import type { ColumnSpec, LineIssue, ResolvedColumns } from './columns';
import { checkUai, educationPrioritaire, fold, isOpen, isYes, oneLine, readCount } from './values';

export interface DirectoryImportReport {
  /** Data lines read (the header is not counted). */
  read: number;
  /** Schools imported, duplicates merged. */
  kept: number;
  refused: LineIssue[];
  /** Lines outside the directory: other département, private, maternelle, not a school. */
  skipped: LineIssue[];
  merged: Array<{ line: number; uai: string }>;
}

export interface AnnuaireImportOptions {
  /** Département code ('094'; '94' in the file matches too); by default the territory's. */
  departement?: string;
  /**
   * Who pays for which school: the référentiel's territory on the tablet, the deployment's configuration on the
   * server. Ignored when it is of another département than `departement`: that one's configuration is used
   * (the generic one, its Conseil départemental, for a département without configuration).
   */
  territory?: Territory;
  includeMaternelles?: boolean;
  source?: 'annuaire';
}

export interface AnnuaireImporter {
  header(fields: string[], line: number): void;
  row(fields: string[], line: number): void;
  finish(): { schools: DirectorySchool[]; report: DirectoryImportReport };
}

const column = (label: string, required = true): ColumnSpec => ({ label, names: [label], required });

// The CSV export's headers; headerKey makes the API's lower-case names match them too.
const COLUMNS = {
  uai: column('Identifiant_de_l_etablissement'),
  name: column('Nom_etablissement'),
  type: column('Type_etablissement'),
  status: column('Statut_public_prive'),
  communeCode: column('Code_commune'),
  commune: column('Nom_commune'),
  departement: column('Code_departement'),
  maternelle: column('Ecole_maternelle'),
  elementaire: column('Ecole_elementaire'),
  prioritaire: column('Appartenance_Education_Prioritaire', false),
  circonscription: column('nom_circonscription', false),
  pupils: column('Nombre_d_eleves', false),
  // Absent: every school is taken as open (the annuaire lists open establishments).
  etat: column('etat', false),
};

type Columns = ResolvedColumns<keyof typeof COLUMNS>;

function cached(cache: Map<string, string>, key: string, make: () => string): string {
  let reason = cache.get(key);
  if (reason === undefined) cache.set(key, (reason = make()));
  return reason;
}

export function createAnnuaireImporter(options: AnnuaireImportOptions = {}): AnnuaireImporter {
  const given = options.territory ?? SHIPPED_TERRITORY;
  const departement = departementKey(options.departement ?? given.departement);
  const territory = departementKey(given.departement) === departement ? given : territoryFor(departement);
  const includeMaternelles = options.includeMaternelles ?? false;
  const source = options.source ?? 'annuaire';
  const report: DirectoryImportReport = { read: 0, kept: 0, refused: [], skipped: [], merged: [] };
  const schools = new Map<string, DirectorySchool>();
  // Reasons are shared strings, so a national file's tens of thousands of skipped lines cost little.
  const reasons = new Map<string, string>();
  const gate = createColumnGate(COLUMNS, report.refused);

  function skipReason(fields: readonly string[], c: Columns): string | null {
    const code = cell(fields, c.index.departement);
    if (departementKey(code) !== departement) {
      return cached(reasons, `d${code}`, () => (code ? `Autre département (${code})` : 'Département non renseigné'));
    }
    const type = cell(fields, c.index.type);
    if (fold(type) !== 'ECOLE') return cached(reasons, `t${type}`, () => `Pas une école (${type || 'type non renseigné'})`);
    const status = cell(fields, c.index.status);
    if (fold(status) !== 'PUBLIC') {
      return cached(reasons, `s${status}`, () => (fold(status).startsWith('PRIV') ? 'École privée' : `École non publique (${status})`));
    }
    if (isYes(cell(fields, c.index.elementaire))) return null;
    if (!isYes(cell(fields, c.index.maternelle))) return 'École sans classe élémentaire ni maternelle';
    return includeMaternelles ? null : 'École maternelle, sans classe élémentaire';
  }

  function toSchool(fields: readonly string[], c: Columns, uai: string): DirectorySchool {
    const communeCode = cell(fields, c.index.communeCode);
    const at = (key: keyof typeof COLUMNS) => cell(fields, c.index[key]);
    return {
      uai,
      name: oneLine(at('name')),
      commune: oneLine(at('commune')),
      communeCode,
      circonscription: oneLine(at('circonscription')),
      educationPrioritaire: educationPrioritaire(at('prioritaire')),
      chefDeFile: chefDeFileOf(territory, communeCode),
      maternelle: isYes(at('maternelle')),
      elementaire: isYes(at('elementaire')),
      classes: null,
      pupils: readCount(at('pupils')),
      ips: null,
      open: isOpen(at('etat')),
      source,
    };
  }

  function keep(school: DirectorySchool, line: number): void {
    const earlier = schools.get(school.uai);
    if (earlier === undefined) {
      schools.set(school.uai, school);
      return;
    }
    // Both lines describe one school: an open line wins over a closed one, else the first line stays.
    if (!earlier.open && school.open) schools.set(school.uai, school);
    report.merged.push({ line, uai: school.uai });
  }

  return {
    header: gate.header,
    row(fields, line) {
      report.read++;
      const columns = gate.columnsFor(fields, line);
      if (columns === null) return;
      const skipped = skipReason(fields, columns);
      if (skipped !== null) return void report.skipped.push({ line, reason: skipped });
      const { uai, problem } = checkUai(cell(fields, columns.index.uai));
      if (problem !== null) return void report.refused.push({ line, reason: problem });
      const school = toSchool(fields, columns, uai);
      if (school.name === '') return void report.refused.push({ line, reason: `Nom de l'école absent (UAI ${uai})` });
      keep(school, line);
    },
    finish() {
      gate.finish();
      report.kept = schools.size;
      return { schools: [...schools.values()], report };
    },
  };
}
