// A screen loaded on first use, so that the first visit downloads only the schools list. The service worker
// precaches every chunk: offline, a lazy screen opens as fast as the others. Before the service worker is installed
// (a first visit that goes offline at once), a chunk can fail to load: the screen says so and tries again when asked
// or when the network comes back, instead of showing "Chargement…" for ever.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      load().then(
        (component) => {
          loaded = component;
          if (live) setScreen(() => component);
        },
        (error: unknown) => {
          console.warn('screen chunk failed to load', error);
          if (live) setFailed(true);
        },
      );
      return () => void (live = false);
    }, [attempt]);
    useEffect(() => {
      if (!failed) return;
      const retry = () => {
        setFailed(false);
        setAttempt((n) => n + 1);
      };
      window.addEventListener('online', retry);
      return () => window.removeEventListener('online', retry);
    }, [failed]);
    if (Screen) return <Screen {...props} />;
    if (!failed) {
      return (
        <main id="contenu" aria-busy="true">
          <p>Chargement…</p>
        </main>
      );
    }
    return (
      <main id="contenu">
        <h1>Écran non chargé</h1>
        <p role="alert">
          Cet écran n'a pas pu être chargé : l'application n'est pas encore entièrement installée sur cet appareil et le
          réseau ne répond pas. Rien de ce qui a été enregistré n'est perdu. Réessayez quand le réseau revient.
        </p>
        <button
          type="button"
          class="button"
          onClick={() => {
            setFailed(false);
            setAttempt((n) => n + 1);
          }}
        >
          Réessayer
        </button>
      </main>
    );
  };
}
