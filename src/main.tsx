// WARNING: main bundle. Start-up, the first render, the service worker's registration (its precache starts at once,
// so that a first visit is offline-ready as early as it was), and what waits until the first screen is up.
import { render } from 'preact';
import { App, preloadFirstScreen } from './ui/app';
import { afterFirstScreen, flushOnHide, startApp } from './state/startup';
import { startRouting } from './state/route';
import { registerServiceWorker } from './state/app-update';
import './ui/styles.css';

const root = document.getElementById('app') as HTMLElement;

function showStartFailure(error: unknown) {
  console.error(error);
  render(null, root); // the database may fail after the first screen of a first visit is up
  root.innerHTML =
    '<main id="contenu"><h1>L\'application n\'a pas pu démarrer</h1><p>Le stockage de l\'appareil est inaccessible (navigation privée ou stockage plein ?). Vos données déjà enregistrées ne sont pas effacées.</p></main>';
}

startRouting();
flushOnHide();
startApp()
  .then(() => preloadFirstScreen().catch(() => undefined)) // if it fails, the screen shows "Chargement…" and asks again
  .then(() => {
    root.textContent = ''; // the static "Chargement…" shown while starting
    render(<App />, root);
    performance.mark('tne:first-render'); // read by bench/offline-reload.ts
    afterFirstScreen(showStartFailure);
  }, showStartFailure);

if (import.meta.env.PROD) registerServiceWorker().catch((error: unknown) => console.warn('service worker not registered', error));
