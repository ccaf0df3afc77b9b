// The server's territory (sync.md "Roles and tokens"): a server holds one département and the campaigns it accepts;
// a pushed record outside them is answered `forbidden`, never stored.
import type { PushRecord } from '../../src/model/sync-protocol';

/** Why a record outside the territory is refused, in French (the device shows it on the fiche). */
export const OUT_OF_SCOPE_MESSAGE = 'Fiche hors du territoire de ce serveur (département ou campagne) : elle ne peut pas y être enregistrée.';

/**
 * Whether this server may hold `record`.
 * TODO(issue 14): roles and territory. The server has no territory configuration yet (no département, no campaigns
 * accepted), so every record is in scope; issue 14 configures them and compares the record's UAI's département and
 * its campaign here, and the token's role in the routes.
 */
export function inScope(record: PushRecord): boolean {
  void record;
  return true;
}
