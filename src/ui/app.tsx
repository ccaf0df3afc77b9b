// WARNING: main bundle. The application shell: header, skip link, and the screen the route names.
import { auditor, campaign } from '../state/session';
import { route, routeHash, type Route } from '../state/route';
import { dataReady, syncStarted } from '../state/startup';
import { databaseReady } from '../state/device-db';
import { chunkAwaited, retryChunks } from '../state/chunks';
import { ROLE_LABELS } from '../model/labels';
import { SchoolsScreen } from './screens/schools-screen';
import { UpdateBanner } from './components/update-banner';
import { SimulationBanner } from './components/simulation-banner';
import { applyUpdate, dismissUpdate, updateWaiting } from '../state/app-update';
import { lazy, ScreenLoading, ScreenNotLoaded } from './lazy';
import { departementReferential, resetReferential, simulation, simulationOutdated } from '../state/referential';
import { applyReferential } from '../state/gaps';

const SchoolScreen = lazy(() => import('./screens/school-screen').then((m) => m.SchoolScreen));
const ClassroomScreen = lazy(() => import('./screens/classroom-screen').then((m) => m.ClassroomScreen));
const ProfileScreen = lazy(() => import('./screens/profile-screen').then((m) => m.ProfileScreen));
const DepartementScreen = lazy(() => import('./screens/departement-screen').then((m) => m.DepartementScreen));
const SettingsScreen = lazy(() => import('./screens/settings-screen').then((m) => m.SettingsScreen));
const DeviceScreen = lazy(() => import('./screens/device-screen').then((m) => m.DeviceScreen));
const ArbitrationScreen = lazy(() => import('./screens/arbitration-screen').then((m) => m.ArbitrationScreen));
const SchoolPrintScreen = lazy(() => import('./screens/school-print-screen').then((m) => m.SchoolPrintScreen));
const PrioritiesScreen = lazy(() => import('./screens/priorities-screen').then((m) => m.PrioritiesScreen));
const PlanScreen = lazy(() => import('./screens/plan-screen').then((m) => m.PlanScreen));
// Loaded with the sync engine, which starts after the first screen of a first visit; its place is kept meanwhile.
const SyncPlaceholder = () => <div class="sync-indicator" />;
const SyncIndicator = lazy(() => import('./sync-indicator').then((m) => m.SyncIndicator), SyncPlaceholder, SyncPlaceholder);

const LAZY_SCREENS: Partial<Record<Route['screen'], { preload(): Promise<unknown> }>> = {
  school: SchoolScreen,
  classroom: ClassroomScreen,
  profile: ProfileScreen,
  departement: DepartementScreen,
  settings: SettingsScreen,
  device: DeviceScreen,
  arbitrage: ArbitrationScreen,
  'school-print': SchoolPrintScreen,
  priorites: PrioritiesScreen,
  plan: PlanScreen,
};

/** Loads the screen the app opens on (and the sync indicator once sync runs), so that they show without a placeholder. */
export function preloadFirstScreen(): Promise<unknown> {
  const screen = auditor.value ? route.value.screen : 'profile';
  return Promise.all([LAZY_SCREENS[screen]?.preload(), syncStarted.value && SyncIndicator.preload()]);
}

export function App() {
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
        {author && (syncStarted.value ? <SyncIndicator /> : <SyncPlaceholder />)}
      </header>
      {updateWaiting.value && <UpdateBanner onApply={() => void applyUpdate()} onDismiss={dismissUpdate} />}
      <Simulation />
      <Screen />
      <footer class="app-footer">
        <p>Version {__BUILD_ID__}</p>
      </footer>
    </>
  );
}

/** On every screen while a simulation is in force; its button drops the simulation and computes everything again. */
function Simulation() {
  const simulated = simulation.value;
  if (simulated === null) return null;
  const back = () => void resetReferential().then(applyReferential);
  const newer = simulationOutdated.value ? departementReferential.value.referential.version : null;
  return <SimulationBanner version={simulated.version} newerDepartementVersion={newer} onBack={back} />;
}

const NAV: ReadonlyArray<readonly [Route['screen'], string]> = [
  ['schools', 'Écoles'],
  ['departement', 'Département'],
  ['settings', 'Paramètres'],
  ['device', 'Appareil'],
];

function Nav() {
  const current = route.value.screen;
  const section =
    current === 'school' || current === 'classroom' || current === 'school-print' ? 'schools' : current === 'priorites' || current === 'plan' ? 'departement' : current;
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

function Screen() {
  const author = auditor.value;
  const current = route.value;
  if (!author) return <ProfileScreen key="first-run" firstRun />;
  if (current.screen === 'profile') return <ProfileScreen key="profile" firstRun={false} />;
  if (!dataReady.value) return <ScreenLoading />; // just after "Commencer"
  if (current.screen === 'schools') return <SchoolsScreen />;
  // On a first visit the database opens once the schools list is up: a school opened at once waits for it.
  if (!databaseReady.value) return chunkAwaited.value ? <ScreenNotLoaded retry={retryChunks} /> : <ScreenLoading />;
  switch (current.screen) {
    case 'departement':
      return <DepartementScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'device':
      return <DeviceScreen />;
    case 'arbitrage':
      return <ArbitrationScreen />;
    case 'priorites':
      return <PrioritiesScreen />;
    case 'plan':
      return <PlanScreen />;
    case 'school':
      return <SchoolScreen key={current.uai} uai={current.uai} />;
    case 'classroom':
      return <ClassroomScreen key={current.id} uai={current.uai} id={current.id} />;
    case 'school-print':
      return <SchoolPrintScreen key={current.uai} uai={current.uai} />;
  }
}
