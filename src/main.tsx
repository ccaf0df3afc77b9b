// WARNING: main bundle. Render and service-worker registration, nothing else.
import { render } from 'preact';
import { App } from './ui/app';
import { appDb } from './storage/db';
import { flushOnHide, startApp } from './state/startup';
import { startRouting } from './state/route';
import { registerServiceWorker } from './state/app-update';
import './ui/styles.css';

const db = appDb();
const root = document.getElementById('app') as HTMLElement;

startRouting();
flushOnHide();
startApp(db).then(
  () => {
    root.textContent = ''; // the static "Chargement…" shown while starting
    render(<App db={db} />, root);
    performance.mark('tne:first-render'); // read by bench/offline-reload.ts
  },
  (error: unknown) => {
    console.error(error);
    root.innerHTML =
      '<main id="contenu"><h1>L\'application n\'a pas pu démarrer</h1><p>Le stockage de l\'appareil est inaccessible (navigation privée ou stockage plein ?). Vos données déjà enregistrées ne sont pas effacées.</p></main>';
  },
);

if (import.meta.env.PROD) registerServiceWorker();
