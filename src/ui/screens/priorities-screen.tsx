// "Priorités" (pilotage.md, "Priority of a school"): the ranked schools to equip first, in the département's order
// or in one chef de file's, with each score's reasons, and how the score is made.
import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { priorityList, usePilotage } from '../../state/pilotage';
import { referential } from '../../state/referential';
import { routeHash } from '../../state/route';
import { schools } from '../../state/directory';
import type { PriorityRow } from '../../gaps/pilotage';
import type { ChefDeFile } from '../../model/school';
import { chefDeFileLabel } from '../../territory/territory';
import { chefDeFileOptions, hasSeveralChefsDeFile } from '../chefs-de-file';
import type { PriorityWeights } from '../../model/referential';
import { naturalCompare } from '../../model/natural-sort';
import { costText, integer } from '../format';
import { count } from '../plural';
import { SegmentedField } from '../components/segmented-field';
import { TableRegion } from '../components/table-region';
import './priorities-screen.css';
import { DepartementNav } from './departement-nav';

export interface PriorityFilter {
  chefDeFile: ChefDeFile | '';
  circonscription: string;
}

/** Kept while the app is open, as the schools list keeps its own. */
export const priorityFilter = signal<PriorityFilter>({ chefDeFile: '', circonscription: '' });

/** Rows shown at first, and added by "Afficher plus": a département ranks about a thousand schools. */
export const PRIORITY_PAGE_ROWS = 100;

const ONE_DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** The most points a school can get with these weights (100 with the référentiel's own). */
export const maxScore = (w: PriorityWeights) => w.repPlus + w.ips + w.share + w.failingRulesMax;

function ScoreExplained({ weights }: { weights: PriorityWeights }) {
  const n = (value: number) => ONE_DECIMAL.format(value);
  return (
    <p>
      Score sur {n(maxScore(weights))} : éducation prioritaire (REP+ {n(weights.repPlus)} points, REP {n(weights.rep)}) + IPS ({n(weights.ips)} points à{' '}
      {n(weights.ipsHigh - weights.ipsSpan)} ou moins, 0 à partir de {n(weights.ipsHigh)}, {n(weights.ipsUnknown)} s'il est inconnu) + part des classes
      auditées hors socle (jusqu'à {n(weights.share)}) + règles obligatoires de l'école non respectées, E01 à E05 ({n(weights.perFailingRule)} chacune,
      au plus {n(weights.failingRulesMax)}). Seules sont classées les écoles qui ont une classe auditée hors socle ou une règle obligatoire non
      respectée ; les autres sont au socle ou à auditer. Barème : <a href={routeHash({ screen: 'settings' })}>Paramètres</a>.
    </p>
  );
}

function Filters({ rows }: { rows: readonly PriorityRow[] }) {
  const filter = priorityFilter.value;
  const circonscriptions = [...new Set(rows.map((r) => r.circonscription))].sort(naturalCompare);
  return (
    <search class="filters">
      {hasSeveralChefsDeFile(referential.value.territory) && (
        <SegmentedField id="priorites-chef-de-file" label="Chef de file" options={chefDeFileOptions(referential.value.territory)} value={filter.chefDeFile}
          onChange={(value) => (priorityFilter.value = { ...filter, chefDeFile: value ?? '' })} />
      )}
      <div class="field">
        <label htmlFor="priorites-circonscription">Circonscription</label>
        <select id="priorites-circonscription" value={filter.circonscription}
          onChange={(e) => (priorityFilter.value = { ...filter, circonscription: e.currentTarget.value })}>
          <option value="">Toutes les circonscriptions</option>
          {circonscriptions.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
    </search>
  );
}

/** The rows the filters keep, in their order: the département's, which is also each chef de file's. */
export function filteredRows(rows: readonly PriorityRow[], filter: PriorityFilter): PriorityRow[] {
  return rows.filter((r) => (!filter.chefDeFile || r.chefDeFile === filter.chefDeFile) && (!filter.circonscription || r.circonscription === filter.circonscription));
}

function countText(matching: number, ranked: number, filtered: boolean, shown: number): string {
  const rankedText = count(ranked, 'école classée', 'écoles classées');
  const sentence = filtered ? `${count(matching, 'école à équiper', 'écoles à équiper')} en priorité sur ${rankedText}.` : `${rankedText} à équiper en priorité.`;
  return shown < matching ? `${sentence} Les ${integer(shown)} premières sont affichées.` : sentence;
}

function PriorityTable({ rows, chefDeFile, max }: { rows: readonly PriorityRow[]; chefDeFile: ChefDeFile | ''; max: number }) {
  const rankOf = (r: PriorityRow) => (chefDeFile ? r.rankInChefDeFile : r.rank);
  return (
    <>
      <h2 id="titre-priorites" class="table-title">Écoles à équiper, dans l'ordre de priorité</h2>
      <TableRegion labelledBy="titre-priorites">
        <table class="priority-table" aria-labelledby="titre-priorites">
          <thead>
            <tr>
              <th scope="col" class="number">
                Rang <span class="rank-scope">({chefDeFile ? chefDeFileLabel(referential.value.territory, chefDeFile) : 'département'})</span>
              </th>
              <th scope="col">École et commune</th>
              <th scope="col">Circonscription et chef de file</th>
              <th scope="col" class="number">Score</th>
              <th scope="col">Raisons</th>
              <th scope="col" class="number">Classes hors socle</th>
              <th scope="col" class="number">Besoin estimé HT</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.uai}>
                <td class="number">{integer(rankOf(r))}</td>
                <th scope="row">
                  <a href={routeHash({ screen: 'school', uai: r.uai })}>{r.name}</a> <span class="school-commune">{r.commune}</span>
                </th>
                <td>{r.circonscription} <span class="school-commune">{r.chefDeFileLabel}</span></td>
                <td class="number">{ONE_DECIMAL.format(r.score)} / {integer(max)}</td>
                <td>{r.reasons.join(' · ')}</td>
                <td class="number">{integer(r.classesToEquip)} sur {integer(r.classesAudited)}</td>
                <td class="number">{costText(r.costHt, r.unpricedItems)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

export function PrioritiesScreen() {
  useEffect(() => usePilotage('priorities'), []);
  const [limit, setLimit] = useState(PRIORITY_PAGE_ROWS);
  useEffect(() => setLimit(PRIORITY_PAGE_ROWS), [priorityFilter.value]);
  // "Afficher plus" takes the keyboard to the first school it added (the button may be gone).
  const [focusRow, setFocusRow] = useState<number | null>(null);
  useEffect(() => {
    if (focusRow === null) return;
    document.querySelectorAll<HTMLElement>('.priority-table tbody th a')[focusRow]?.focus();
    setFocusRow(null);
  }, [focusRow]);
  const list = priorityList.value;
  const weights = referential.value.priorityWeights;
  if (!list) return <main id="contenu" aria-busy="true"><DepartementNav current="priorites" /><h1>Priorités</h1><p>Calcul en cours…</p></main>;
  const filter = priorityFilter.value;
  const matching = filteredRows(list.rows, filter);
  const shown = matching.slice(0, limit);
  const filtered = filter.chefDeFile !== '' || filter.circonscription !== '';
  return (
    <main id="contenu" class="wide">
      <DepartementNav current="priorites" />
      <h1>Priorités : écoles à équiper d'abord</h1>
      <p>
        Fiches présentes sur cet appareil pour la campagne en cours, référentiel {list.referentialVersion}. Annuaire :{' '}
        {count(schools.value.length, 'école')}.
      </p>
      <ScoreExplained weights={weights} />
      {list.rows.length === 0 ? (
        <p class="notice">
          Aucune école n'est encore classée : aucune classe auditée n'est hors socle et aucune règle obligatoire d'école (E01 à E05) n'est
          non respectée dans les fiches de cet appareil. Auditez des classes depuis l'écran <a href={routeHash({ screen: 'schools' })}>Écoles</a>.
        </p>
      ) : (
        <>
          <Filters rows={list.rows} />
          <p role="status" class="count">{countText(matching.length, list.rows.length, filtered, shown.length)}</p>
          {shown.length === 0 ? (
            <p>Aucune école classée ne correspond à ces filtres.</p>
          ) : (
            <PriorityTable rows={shown} chefDeFile={filter.chefDeFile} max={maxScore(weights)} />
          )}
          {shown.length < matching.length && (
            <button type="button" class="button secondary" onClick={() => {
              setLimit(limit + PRIORITY_PAGE_ROWS);
              setFocusRow(limit);
            }}>
              Afficher plus ({integer(Math.min(PRIORITY_PAGE_ROWS, matching.length - shown.length))} écoles suivantes sur {integer(matching.length - shown.length)})
            </button>
          )}
        </>
      )}
    </main>
  );
}
