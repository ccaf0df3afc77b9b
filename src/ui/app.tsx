// The application shell: header, skip link, and the screen the route names.
import type { AuditDb } from '../storage/db';
import { auditor, campaign } from '../state/session';
import { route, routeHash, type Route } from '../state/route';
import { ROLE_LABELS } from '../model/labels';
import { SchoolsScreen } from './screens/schools-screen';
import { UpdateBanner } from './components/update-banner';
import { SyncIndicator } from './components/sync-indicator';
import { lazy } from './lazy';

const SchoolScreen = lazy(() => import('./screens/school-screen').then((m) => m.SchoolScreen));
const ClassroomScreen = lazy(() => import('./screens/classroom-screen').then((m) => m.ClassroomScreen));
const ProfileScreen = lazy(() => import('./screens/profile-screen').then((m) => m.ProfileScreen));
const DepartementScreen = lazy(() => import('./screens/departement-screen').then((m) => m.DepartementScreen));
const SettingsScreen = lazy(() => import('./screens/settings-screen').then((m) => m.SettingsScreen));
const DeviceScreen = lazy(() => import('./screens/device-screen').then((m) => m.DeviceScreen));

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
        {author && <SyncIndicator />}
      </header>
      <UpdateBanner />
      <Screen db={db} />
      <footer class="app-footer">
        <p>Version {__BUILD_ID__}</p>
      </footer>
    </>
  );
}

const NAV: ReadonlyArray<readonly [Route['screen'], string]> = [
  ['schools', 'Écoles'],
  ['departement', 'Département'],
  ['settings', 'Paramètres'],
  ['device', 'Appareil'],
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
  if (!author) return <ProfileScreen key="first-run" firstRun />;
  switch (current.screen) {
    case 'profile':
      return <ProfileScreen key="profile" firstRun={false} />;
    case 'departement':
      return <DepartementScreen db={db} />;
    case 'settings':
      return <SettingsScreen />;
    case 'device':
      return <DeviceScreen db={db} />;
    case 'school':
      return <SchoolScreen key={current.uai} db={db} author={author} uai={current.uai} />;
    case 'classroom':
      return <ClassroomScreen key={current.id} db={db} author={author} uai={current.uai} id={current.id} />;
    case 'schools':
      return <SchoolsScreen />;
  }
}
