// The school's printable fiche (pilotage.md, "Fiche école"): one school on at most two A4 pages for the director
// and the collectivité, printed from the browser. On screen a preview of the document; the print stylesheet
// (styles.css, end) leaves only the document. Everything comes from the device: it prints offline.
import { useEffect } from 'preact/hooks';
import { auditOf } from '../../state/audits';
import { schoolsByUai } from '../../state/directory';
import { gapSummary, schoolGapsOf, showSchoolGaps } from '../../state/gaps';
import { referential } from '../../state/referential';
import { routeHash } from '../../state/route';
import { campaign } from '../../state/session';
import { chefDeFileGroup, stateShareRate } from '../../gaps/aggregates';
import type { SchoolGaps } from '../../gaps/types';
import { SCHOOL_AUDIT_LABELS } from '../../model/audit-status';
import { ROLE_LABELS } from '../../model/labels';
import type { DirectorySchool } from '../../model/school';
import { countTrainingNeeds } from '../../model/training-counts';
import { isSimulationVersion, SIMULATION_NOTE } from '../../model/referential-version';
import type { SchoolFiche } from '../../model/types';
import { count } from '../plural';
import { DemoNotice } from '../components/demo-notice';
import { terminalsText } from '../components/school-socle';
import { FicheClassrooms } from '../components/fiche-classrooms';
import { FicheNeeds, type StateShareBasis } from '../components/fiche-needs';
import { FicheSchoolRules } from '../components/fiche-school-rules';
import { FicheSignatures } from '../components/fiche-signatures';
import { FicheTraining } from '../components/fiche-training';

/** `2026-11-28` → "28/11/2026"; null or unreadable → null. */
const dayText = (day: string | null | undefined) => (day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day.split('-').reverse().join('/') : null);

const today = () => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(new Date());

/** The State's share rate of this school: its chef de file's whole priced need decides it (aggregates.ts). */
function stateShareBasis(school: DirectorySchool | undefined): StateShareBasis | null {
  const departement = gapSummary.value?.departement;
  if (!departement) return null;
  const [key, label] = chefDeFileGroup(referential.value.territory, school);
  const chefDeFileCostHt = departement.byChefDeFile.find((a) => a.key === key)?.costHt ?? 0;
  const { funding } = referential.value;
  return { chefDeFile: label, chefDeFileCostHt, funding, rate: stateShareRate(chefDeFileCostHt, funding) };
}

function Identity({ uai, school, fiche, gaps }: { uai: string; school: DirectorySchool | undefined; fiche: SchoolFiche | undefined; gaps: SchoolGaps | null }) {
  const rows: Array<readonly [string, string]> = [
    ['UAI', uai],
    ['Commune', school?.commune ?? 'hors annuaire'],
    ['Circonscription', school?.circonscription ?? 'hors annuaire'],
    ['Chef de file', school ? chefDeFileGroup(referential.value.territory, school)[1] : 'hors annuaire'],
    ['Éducation prioritaire', school ? (school.educationPrioritaire ?? 'Non') : 'hors annuaire'],
    ['IPS', school?.ips != null ? school.ips.toLocaleString('fr-FR') : 'non renseigné'],
    ['Date de visite', dayText(fiche?.data.visitDate) ?? 'non renseignée'],
    ['Auditeur', fiche ? `${fiche.author.name} (${ROLE_LABELS[fiche.author.role]})` : "fiche de l'école non saisie"],
    ["État de l'audit", gaps ? SCHOOL_AUDIT_LABELS[gaps.school.status] : '–'],
  ];
  return (
    <dl class="fiche-identity">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Summary({ gaps }: { gaps: SchoolGaps }) {
  const { school } = gaps;
  const verdict = school.meetsSocle === true ? 'Oui' : school.meetsSocle === false ? 'Non' : 'À compléter';
  return (
    <p>
      <strong>École au socle : {verdict}.</strong> Classes au socle : {school.classroomsMeeting} sur{' '}
      {count(school.classrooms, 'classe saisie', 'classes saisies')}
      {school.classroomsUnknown > 0 && ` (${school.classroomsUnknown} à compléter)`}. {terminalsText(school.terminals)}
    </p>
  );
}

function Document({ uai, gaps }: { uai: string; gaps: SchoolGaps | null }) {
  const school = schoolsByUai.value.get(uai);
  const audit = auditOf(uai);
  const fiche = audit.school;
  const chefDeFile = chefDeFileGroup(referential.value.territory, school)[1];
  const version = gaps?.referentialVersion ?? referential.value.version;
  return (
    <article class="fiche-document" aria-labelledby="fiche-titre">
      <p class="fiche-kicker">TNE 13 · État des lieux du numérique · campagne {campaign.value}</p>
      <h1 id="fiche-titre">Fiche école : {school?.name ?? `École ${uai}`}</h1>
      {school?.source === 'demo' && <p><DemoNotice /></p>}
      <Identity uai={uai} school={school} fiche={fiche} gaps={gaps} />
      {!gaps ? (
        <p aria-busy="true">Calcul de l'écart au socle…</p>
      ) : (
        <>
          <Summary gaps={gaps} />
          <h2 id="fiche-classes">Classes ({audit.classrooms.length})</h2>
          <FicheClassrooms classrooms={audit.classrooms} gaps={gaps.classrooms} />
          <h2 id="fiche-regles">Règles de l'école</h2>
          <FicheSchoolRules rules={gaps.school.rules} />
          <h2 id="fiche-besoins">Besoins chiffrés</h2>
          <FicheNeeds
            needs={[...gaps.school.needs, ...audit.classrooms.flatMap((c) => gaps.classrooms[c.id]?.needs ?? [])]}
            costHt={gaps.school.costHt}
            basis={stateShareBasis(school)}
          />
        </>
      )}
      <h2 id="fiche-formation">Besoins de formation</h2>
      <p class="fiche-note">
        Classes : nombre de classes dont l'enseignant demande le thème ou l'un de ses sous-thèmes. Fiche de l'école : le thème y est demandé.
      </p>
      <FicheTraining themes={countTrainingNeeds(fiche?.data.trainingNeeds ?? [], audit.classrooms.map((c) => c.data.trainingNeeds))} />
      <h2 id="fiche-signatures">Signatures</h2>
      <FicheSignatures
        signatories={[
          { title: "Le directeur ou la directrice de l'école" },
          { title: `Pour la collectivité (${chefDeFile})` },
          { title: "L'auditeur ou l'auditrice", name: fiche?.author.name },
        ]}
      />
      <p class="fiche-footer">
        Référentiel {version}{isSimulationVersion(version) && ` (${SIMULATION_NOTE})`} · fiche éditée le {today()} · les montants sont des estimations HT.
      </p>
    </article>
  );
}

export function SchoolPrintScreen({ uai }: { uai: string }) {
  useEffect(() => showSchoolGaps(uai), [uai]);
  const gaps = schoolGapsOf(uai);
  return (
    <main id="contenu" class="fiche-ecole">
      <div class="fiche-actions no-print">
        <p class="breadcrumb">
          <a href={routeHash({ screen: 'school', uai })}>← Retour à l'école</a>
        </p>
        <button type="button" class="button" aria-disabled={gaps ? undefined : 'true'} onClick={() => gaps && window.print()}>
          Imprimer
        </button>
        <p class="hint">Aperçu de la fiche telle qu'elle s'imprime, au format A4.</p>
      </div>
      <Document uai={uai} gaps={gaps} />
    </main>
  );
}
