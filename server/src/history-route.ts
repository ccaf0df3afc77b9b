// GET /api/v1/fiches/<id>/history (sync.md "Other endpoints"; role lecteur or admin): every stored revision of a
// fiche and the conflicting copies kept aside for it, oldest first. The scope is the pull's: a fiche of a campaign the
// server does not accept is not in scope, so it is answered 404 like a fiche never held, with a message saying why.
// A small read, done on the store directly: the work queue orders pushes and pulls, which this does not race.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './app';
import { authorize, decorateTokenOwner } from './auth';
import { RequestError } from './errors';
import { HISTORY } from './roles';
import type { FicheHistory } from './store/store';
import { acceptsCampaign } from './territory';

/** No fiche's id is longer (a UUID is 36 characters, a school fiche's id 24); Fastify refuses a longer segment. */
export const FICHE_ID_MAX_LENGTH = 100;
/** What a fiche's id is made of: a UUID, or `ecole-<campaign>-<uai>`. */
export const FICHE_ID_PATTERN = `^[A-Za-z0-9_-]{1,${FICHE_ID_MAX_LENGTH}}$`;
const FICHE_ID = new RegExp(FICHE_ID_PATTERN);

function ficheIdOf(value: string): string {
  if (FICHE_ID.test(value)) return value;
  throw new RequestError(
    400,
    'invalid_request',
    `Identifiant de fiche invalide : attendu un UUID ou ecole-<campagne>-<UAI> (lettres, chiffres et tirets, ${FICHE_ID_MAX_LENGTH} caractères au plus).`,
  );
}

export function registerHistoryRoute(app: FastifyInstance, { store, now, territory }: ServerContext): void {
  decorateTokenOwner(app);
  const onRequest = [authorize(store, now, HISTORY)];
  app.get<{ Params: { id: string } }>('/api/v1/fiches/:id/history', { onRequest }, async (request): Promise<FicheHistory> => {
    const id = ficheIdOf(request.params.id);
    const history = await store.revisions.history(id);
    if (history === null) throw new RequestError(404, 'not_found', `Fiche ${id} inconnue du serveur.`);
    // A fiche's campaign is its latest revision's.
    const campaign = history.revisions.at(-1)?.record.campaign ?? '';
    if (!acceptsCampaign(territory, campaign)) {
      throw new RequestError(404, 'not_found', `Fiche ${id} hors du territoire de ce serveur : sa campagne ${campaign} n'y est pas acceptée.`);
    }
    return history;
  });
}
