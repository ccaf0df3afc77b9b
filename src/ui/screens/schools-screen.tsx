// The schools of the directory: search by name, UAI, commune or postcode, filters, and where each audit stands.
import { useState } from 'preact/hooks';
import { circonscriptions, filteredSchools, isDemoDirectory, schoolFilter, schools, schoolsByUai, updateFilter } from '../../state/directory';
import { auditOf } from '../../state/audits';
import { routeHash } from '../../state/route';
import { AUDIT_STATUS_LABELS } from '../../model/audit-status';
import { referential } from '../../state/referential';
import { DEMO_TERRITORY } from '../../directory/demo-label';
import { chefDeFileOptions, hasSeveralChefsDeFile } from '../chefs-de-file';
import { uaiOfQuery } from '../../model/search';
import { postcodeExample } from '../../model/postcodes';
import { frenchNumber } from '../../model/french-number';
import { SegmentedField } from '../components/segmented-field';
import { DemoNotice } from '../components/demo-notice';
import { count } from '../plural';

const PAGE_SIZE = 60;

/** Why a UAI typed in the search finds nothing: a wrong check letter, the filters, or a school the directory lacks. */
function UaiNotFound({ query }: { query: string }) {
  const typed = uaiOfQuery(query);
  if (!typed) return null;
  const held = schoolsByUai.value.get(typed.uai);
  if (held) {
    return (
      <p class="notice">
        L'école d'UAI {typed.uai} ({held.name}) est dans l'annuaire, mais les filtres choisis l'écartent.
      </p>
    );
  }
  if (typed.expected) {
    return (
      <p class="notice">
        « {typed.uai} » n'est pas un UAI : sa lettre de contrôle est fausse, l'UAI de ces chiffres est {typed.expected}.
      </p>
    );
  }
  return (
    <p class="notice">
      L'école d'UAI {typed.uai} est absente de l'annuaire de cet appareil :{' '}
      <a href={routeHash({ screen: 'device' })}>importez l'annuaire (écran Appareil)</a>.
    </p>
  );
}

export function SchoolsScreen() {
  const [shown, setShown] = useState(PAGE_SIZE);
  const filter = schoolFilter.value;
  const list = filteredSchools.value;
  // Postcodes are searched only where the app holds the département's table.
  const postcode = postcodeExample(referential.value.territory.departement);
  return (
    <main id="contenu">
      <h1>Écoles</h1>
      {isDemoDirectory.value && (
        <p class="notice">
          Annuaire : <DemoNotice /> Les écoles affichées sont fictives, dans de vraies communes {DEMO_TERRITORY.nameWithArticle}.
        </p>
      )}
      <search class="filters">
        <div class="field">
          <label htmlFor="recherche">Rechercher une école (nom, UAI ou commune)</label>
          {postcode !== null && (
            <p class="hint" id="recherche-aide">
              Ou un code postal, par exemple {postcode}.
            </p>
          )}
          <input
            id="recherche"
            type="search"
            aria-describedby={postcode !== null ? 'recherche-aide' : undefined}
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
        {hasSeveralChefsDeFile(referential.value.territory) && (
          <SegmentedField
            id="chef-de-file"
            label="Chef de file"
            options={chefDeFileOptions(referential.value.territory)}
            value={filter.chefDeFile}
            onChange={(value) => updateFilter({ chefDeFile: value ?? '' })}
          />
        )}
      </search>
      <div role="status">
        <p class="count">
          {list.length === schools.value.length ? count(list.length, 'école') : `${count(list.length, 'école')} sur ${frenchNumber(schools.value.length)}`}
        </p>
        {list.length === 0 && <UaiNotFound query={filter.query} />}
      </div>
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
