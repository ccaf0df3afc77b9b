// GET /api/v1/changes (sync.md v2, "Pull"): the heads of a campaign changed after the device's cursor, by seq, a page
// at a time. The cursor answered is the last seq of the page, or the one asked with when the page is empty; `more`
// says the page is full (a full last page is followed by an empty one).
import type { FastifyInstance } from 'fastify';
import type { ChangesResponse } from '../../src/model/sync-protocol';
import { authenticate, decorateTokenOwner } from './auth';
import { parseChangesQuery, type ChangesParams } from './changes-query';
import type { Store } from './store/store';

export function registerChangesRoute(app: FastifyInstance, store: Store): void {
  decorateTokenOwner(app);
  // TODO(issue 14): roles; any valid token may pull for now.
  app.get<{ Querystring: ChangesParams }>('/api/v1/changes', { onRequest: [authenticate(store)] }, async (request): Promise<ChangesResponse> => {
    const query = parseChangesQuery(request.query);
    const changes = await store.revisions.changes(query);
    const last = changes.at(-1);
    return { changes, cursor: String(last === undefined ? query.since : last.seq), more: changes.length === query.limit };
  });
}
