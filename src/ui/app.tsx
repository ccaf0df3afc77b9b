// The application shell: header, skip link, and the screen the route names.
import type { AuditDb } from '../storage/db';
import { auditor, campaign } from '../state/session';
import { route, routeHash, type Route } from '../state/route';
import { ROLE_LABELS } from '../model/labels';
import { SchoolsScreen } from './screens/schools-screen';
import { SchoolScreen } from './screens/school-screen';
import { ClassroomScreen } from './screens/classroom-screen';
import { ProfileScreen } from './screens/profile-screen';
import { DepartementScreen } from './screens/departement-screen';
import { SettingsScreen } from './screens/settings-screen';

export function App({ db }: { db: AuditDb }) {
  const author = auditor.value;
  return (
    <>
      <a class="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header class="app-header">
        <p class="app-title">
          <a href={routeHash({ screen: 'schools' })}>TNE 13 · État des lieux numérique</a>
        </p>
        {author && (
          <p class="app-user">
            {author.name} ({ROLE_LABELS[author.role]}) · campagne {campaign.value} ·{' '}
            <a href={routeHash({ screen: 'profile' })}>Modifier le profil</a>
          </p>
        )}
        {author && <Nav />}
      </header>
      <Screen db={db} />
    </>
  );
}

const NAV: ReadonlyArray<readonly [Route['screen'], string]> = [
  ['schools', 'Écoles'],
  ['departement', 'Département'],
  ['settings', 'Paramètres'],
];

function Nav() {
  const current = route.value.screen;
  const section = current === 'school' || current === 'classroom' ? 'schools' : current;
  return (
    <nav class="app-nav" aria-label="Navigation principale">
      <ul>
        {NAV.map(([screen, label]) => (
          <li key={screen}>
            <a href={routeHash({ screen } as Route)} aria-current={section === screen ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Screen({ db }: { db: AuditDb }) {
  const author = auditor.value;
  const current = route.value;
  if (!author) return <ProfileScreen firstRun />;
  switch (current.screen) {
    case 'profile':
      return <ProfileScreen firstRun={false} />;
    case 'departement':
      return <DepartementScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'school':
      return <SchoolScreen key={current.uai} db={db} author={author} uai={current.uai} />;
    case 'classroom':
      return <ClassroomScreen key={current.id} db={db} author={author} uai={current.uai} id={current.id} />;
    case 'schools':
      return <SchoolsScreen />;
  }
}
