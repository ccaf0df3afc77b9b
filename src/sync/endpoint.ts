// The sync server's address as a user pastes it: the server's own address (`http://host:port/`, what `npm start`
// prints) or the endpoint itself. Both become the endpoint's URL; anything else is refused with an example.

export const SYNC_PATH = '/api/v1/sync';
const FIELD = 'Adresse du serveur de synchronisation';
const EXAMPLE = 'https://tne13.exemple.fr/';

export type SyncAddress = { ok: true; url: string } | { ok: false; message: string };

/** URL.canParse, which older tablets' browsers lack. */
function parses(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function refused(typed: string): SyncAddress {
  // "192.168.1.20:4173" or "tne13.exemple.fr": only the beginning is missing, and that is what the message says.
  const noScheme = !/^[a-z][a-z\d+.-]*:\/\//i.test(typed) && parses(`http://${typed}`);
  const expected = noScheme
    ? `écrivez l'adresse en entier, avec http:// ou https:// au début, comme ${EXAMPLE}`
    : `saisissez l'adresse du serveur, comme ${EXAMPLE} ou ${EXAMPLE.slice(0, -1)}${SYNC_PATH}`;
  return { ok: false, message: `${FIELD} : ${expected} (saisi : « ${typed} »).` };
}

/**
 * `http(s)://host[:port]` with no path, `/api/v1` or `/api/v1/sync` (after any prefix, for a server behind a
 * reverse proxy; a trailing slash or not) → `http(s)://host[:port][/prefix]/api/v1/sync`. Empty stays empty: the
 * server that served the app.
 */
export function readSyncAddress(text: string): SyncAddress {
  const typed = text.trim();
  if (typed === '') return { ok: true, url: '' };
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return refused(typed);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) return refused(typed);
  const path = url.pathname.replace(/\/+$/, '');
  const api = /^(.*?)\/api\/v1(?:\/sync)?$/.exec(path);
  if (path !== '' && !api) return refused(typed);
  return { ok: true, url: `${url.origin}${api?.[1] ?? ''}${SYNC_PATH}` };
}
