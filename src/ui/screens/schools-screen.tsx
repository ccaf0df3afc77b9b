// The schools of the directory: search by name, UAI or commune, filters, and where each audit stands.
import { useState } from 'preact/hooks';
import { circonscriptions, filteredSchools, isDemoDirectory, schoolFilter, schools, updateFilter } from '../../state/directory';
import { auditOf } from '../../state/audits';
import { routeHash } from '../../state/route';
import { AUDIT_STATUS_LABELS } from '../../model/audit-status';
import { CHEF_DE_FILE_LABELS, type ChefDeFile } from '../../model/school';
import { SegmentedField } from '../components/segmented-field';
import { DemoNotice } from '../components/demo-notice';
import { count } from '../plural';

const PAGE_SIZE = 60;
const CHEF_DE_FILE_OPTIONS: ReadonlyArray<readonly [ChefDeFile | '', string]> = [
  ['', 'Tous'],
  ['ville-marseille', CHEF_DE_FILE_LABELS['ville-marseille']],
  ['cd13', CHEF_DE_FILE_LABELS.cd13],
];

export function SchoolsScreen() {
  const [shown, setShown] = useState(PAGE_SIZE);
  const filter = schoolFilter.value;
  const list = filteredSchools.value;
  return (
    <main id="contenu">
      <h1>Écoles</h1>
      {isDemoDirectory.value && (
        <p class="notice">
          Annuaire : <DemoNotice /> Les écoles affichées sont fictives, dans de vraies communes des Bouches-du-Rhône.
        </p>
      )}
      <search class="filters">
        <div class="field">
          <label htmlFor="recherche">Rechercher une école (nom, UAI ou commune)</label>
          <input
            id="recherche"
            type="search"
            autoComplete="off"
            value={filter.query}
            onInput={(e) => {
              setShown(PAGE_SIZE);
              updateFilter({ query: e.currentTarget.value });
            }}
          />
        </div>
        <div class="field">
          <label htmlFor="circonscription">Circonscription</label>
          <select id="circonscription" value={filter.circonscription} onChange={(e) => updateFilter({ circonscription: e.currentTarget.value })}>
            <option value="">Toutes les circonscriptions</option>
            {circonscriptions.value.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <SegmentedField
          id="chef-de-file"
          label="Chef de file"
          options={CHEF_DE_FILE_OPTIONS}
          value={filter.chefDeFile}
          onChange={(value) => updateFilter({ chefDeFile: value ?? '' })}
        />
      </search>
      <p role="status" class="count">
        {list.length === schools.value.length ? count(list.length, 'école') : `${count(list.length, 'école')} sur ${schools.value.length}`}
      </p>
      <ul class="school-list">
        {list.slice(0, shown).map((school) => {
          const audit = auditOf(school.uai);
          return (
            <li key={school.uai}>
              <a href={routeHash({ screen: 'school', uai: school.uai })}>
                <strong>{school.name}</strong>
                <span>
                  {school.commune} · UAI {school.uai} · {school.circonscription}
                </span>
                {school.leftDirectory && <span class="warning-text">N'est plus dans l'annuaire : des fiches s'y rattachent</span>}
                {!school.leftDirectory && !school.open && <span class="warning-text">École fermée selon l'annuaire</span>}
              </a>
              <span class={`status status-${audit.status}`}>
                {AUDIT_STATUS_LABELS[audit.status]}
                {audit.classrooms.length > 0 && ` · ${count(audit.classrooms.length, 'classe')}`}
              </span>
            </li>
          );
        })}
      </ul>
      {list.length > shown && (
        <button type="button" class="button secondary" onClick={() => setShown(shown + PAGE_SIZE)}>
          Afficher plus d'écoles ({list.length - shown} de plus)
        </button>
      )}
    </main>
  );
}
