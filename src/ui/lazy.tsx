// A screen loaded on first use, so that the first visit downloads only what its first screen needs. The service
// worker precaches every chunk: offline, a lazy screen opens as fast as the others.
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

/** `Fallback` is shown until the component has arrived: a screen's "Chargement…" unless told otherwise. */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>, Fallback: ComponentType = ScreenLoading): Lazy<P> {
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
    useEffect(() => {
      if (!Component) void preload().then((component) => setComponent(() => component));
    }, []);
    return Component ? <Component {...props} /> : <Fallback />;
  }
  return Object.assign(Lazy, { preload });
}
