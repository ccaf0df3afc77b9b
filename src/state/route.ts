// The screen shown follows the address hash, so that the back button and a reload keep the user where they were.
import { signal } from '@preact/signals';

export type Route =
  | { screen: 'schools' }
  | { screen: 'profile' }
  | { screen: 'departement' }
  | { screen: 'settings' }
  | { screen: 'device' }
  /** The fiches "À arbitrer", each with its fields in conflict. */
  | { screen: 'arbitrage' }
  /** The ranked schools to equip first, and the equipment plan for the budgets typed (pilotage.md). */
  | { screen: 'priorites' }
  | { screen: 'plan' }
  | { screen: 'school'; uai: string }
  | { screen: 'classroom'; uai: string; id: string }
  /** The school's printable fiche (pilotage.md, "Fiche école"). */
  | { screen: 'school-print'; uai: string };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a badly encoded link shows what it can rather than breaking the app
  }
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decode);
  if (parts[0] === 'profil') return { screen: 'profile' };
  if (parts[0] === 'departement') return { screen: 'departement' };
  if (parts[0] === 'parametres') return { screen: 'settings' };
  if (parts[0] === 'appareil') return { screen: 'device' };
  if (parts[0] === 'arbitrage') return { screen: 'arbitrage' };
  if (parts[0] === 'priorites') return { screen: 'priorites' };
  if (parts[0] === 'plan') return { screen: 'plan' };
  if (parts[0] === 'ecole' && parts[1]) {
    if (parts[2] === 'classe' && parts[3]) return { screen: 'classroom', uai: parts[1], id: parts[3] };
    if (parts[2] === 'fiche') return { screen: 'school-print', uai: parts[1] };
    return { screen: 'school', uai: parts[1] };
  }
  return { screen: 'schools' };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'schools':
      return '#/';
    case 'profile':
      return '#/profil';
    case 'departement':
      return '#/departement';
    case 'settings':
      return '#/parametres';
    case 'device':
      return '#/appareil';
    case 'arbitrage':
      return '#/arbitrage';
    case 'priorites':
      return '#/priorites';
    case 'plan':
      return '#/plan';
    case 'school':
      return `#/ecole/${encodeURIComponent(route.uai)}`;
    case 'classroom':
      return `#/ecole/${encodeURIComponent(route.uai)}/classe/${encodeURIComponent(route.id)}`;
    case 'school-print':
      return `#/ecole/${encodeURIComponent(route.uai)}/fiche`;
  }
}

export const route = signal<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

const sameScreen = (a: Route, b: Route) => routeHash(a) === routeHash(b);

/** A new screen opens at its top, as a new page would (a screen that wants another place scrolls there itself). */
function showTop(previous: Route, next: Route): void {
  if (!sameScreen(previous, next) && typeof window.scrollTo === 'function') window.scrollTo(0, 0);
}

export function startRouting(): () => void {
  const onChange = () => {
    const next = parseRoute(location.hash);
    showTop(route.value, next);
    route.value = next;
  };
  window.addEventListener('hashchange', onChange);
  onChange();
  return () => window.removeEventListener('hashchange', onChange);
}

export function navigate(to: Route): void {
  const hash = routeHash(to);
  showTop(route.value, to);
  if (location.hash !== hash) location.hash = hash;
  route.value = to;
}
