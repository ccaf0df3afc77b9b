// GET /api/v1/changes (sync.md v2, "Pull"; every role): the heads of a campaign changed after the device's cursor, by
// seq, a page at a time. The cursor answered is the last seq of the page, or the one asked with when the page is
// empty; `more` says the page is full (a full last page is followed by an empty one). A campaign the server does not
// accept has no fiche in scope: its pages are empty, not refused (a 403 is for a token's role only).
import type { FastifyInstance } from 'fastify';
import type { ChangesResponse } from '../../src/model/sync-protocol';
import type { ServerContext } from './app';
import { authorize, decorateTokenOwner } from './auth';
import { parseChangesQuery, type ChangesParams } from './changes-query';
import { queued, refuseWhenQueueFull } from './load-shedding';
import { PULL } from './roles';
import { acceptsCampaign } from './territory';

export function registerChangesRoute(app: FastifyInstance, { store, now, territory, work }: ServerContext): void {
  decorateTokenOwner(app);
  const onRequest = [authorize(store, now, PULL), refuseWhenQueueFull(work)];
  app.get<{ Querystring: ChangesParams }>('/api/v1/changes', { onRequest }, async (request): Promise<ChangesResponse> => {
    const query = parseChangesQuery(request.query);
    // A page read in its turn with the pushes (work-queue.ts).
    const changes = acceptsCampaign(territory, query.campaign) ? await queued(work, () => store.revisions.changes(query)) : [];
    const last = changes.at(-1);
    return { changes, cursor: String(last === undefined ? query.since : last.seq), more: changes.length === query.limit };
  });
}
