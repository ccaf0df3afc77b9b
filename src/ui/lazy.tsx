// A screen loaded on first use, so that the first visit downloads only the schools list. The service worker
// precaches every chunk: offline, a lazy screen opens as fast as the others.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (!Screen) void load().then((component) => setScreen(() => (loaded = component)));
    }, []);
    return Screen ? <Screen {...props} /> : <main id="contenu" aria-busy="true"><p>Chargement…</p></main>;
  };
}
