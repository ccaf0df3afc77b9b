// A screen loaded on first use, so that the first visit downloads only the schools list. The service worker
// precaches every chunk: offline, a lazy screen opens as fast as the others. Before the service worker is installed
// (a first visit that goes offline at once), a chunk can fail to load: the screen says so and tries again when asked
// or when the network comes back, instead of showing "Chargement…" for ever.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type Lazy<P> = ComponentType<P> & {
  /** Loads the component now: the first screen is loaded before the first render, so that it never pops in. */
  preload(): Promise<unknown>;
};

export function ScreenLoading() {
  return (
    <main id="contenu" aria-busy="true">
      <p>Chargement…</p>
    </main>
  );
}

/** A screen whose code (or the database's) has not arrived: said so, tried again when asked or when the network is back. */
export function ScreenNotLoaded({ retry }: { retry: () => void }) {
  return (
    <main id="contenu">
      <h1>Écran non chargé</h1>
      <p role="alert">
        Cet écran n'a pas pu être chargé : l'application n'est pas encore entièrement installée sur cet appareil et le
        réseau ne répond pas. Rien de ce qui a été enregistré n'est perdu. Réessayez quand le réseau revient.
      </p>
      <button type="button" class="button" onClick={retry}>
        Réessayer
      </button>
    </main>
  );
}

/** `Fallback` shows until the component has arrived, `Failed` if it could not: a screen's unless told otherwise. */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Fallback: ComponentType = ScreenLoading,
  Failed: ComponentType<{ retry: () => void }> = ScreenNotLoaded,
): Lazy<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined; // a chunk that failed to arrive is asked for again next time
        throw error;
      },
    ));
  function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    const retry = () => {
      setFailed(false);
      setAttempt((n) => n + 1);
    };
    useEffect(() => {
      if (Component) return;
      let live = true;
      preload().then(
        (component) => {
          if (live) setComponent(() => component);
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
      window.addEventListener('online', retry);
      return () => window.removeEventListener('online', retry);
    }, [failed]);
    if (Component) return <Component {...props} />;
    return failed ? <Failed retry={retry} /> : <Fallback />;
  }
  return Object.assign(Lazy, { preload });
}
