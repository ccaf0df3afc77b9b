// Failed authentications per address and minute for the 429 rule, in PostgreSQL: one row per address and minute,
// counted up in one statement (ON CONFLICT is safe when instances count the same address at once).
import type pg from 'pg';
import type { ThrottleStore } from '../store';
import { minuteOf } from '../sqlite/audit';
import { inTransaction } from './pool';

const BUMP = `
  INSERT INTO auth_failures (minute, address, count) VALUES ($1, $2, 1)
  ON CONFLICT (minute, address) DO UPDATE SET count = auth_failures.count + 1 RETURNING count`;

export function pgThrottle(pool: pg.Pool): ThrottleStore {
  // As the audit log's count: a wrong token must not wait for a disk flush, or sending them would slow every push
  // down; a crash may forget the last counts, which only shortens a refusal.
  const relaxed = <T>(write: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    inTransaction(pool, async (client) => {
      await client.query('SET LOCAL synchronous_commit = off');
      return write(client);
    });
  return {
    addFailure(address, at) {
      return relaxed(async (client) => {
        const { rows } = await client.query<{ count: number }>({ name: 'throttle-bump', text: BUMP, values: [minuteOf(at), address] });
        return (rows[0] as { count: number }).count;
      });
    },
    async failures(address, at) {
      const { rows } = await pool.query<{ count: number }>({
        name: 'throttle-read',
        text: 'SELECT count FROM auth_failures WHERE minute = $1 AND address = $2',
        values: [minuteOf(at), address],
      });
      return rows[0]?.count ?? 0;
    },
    async forgetBefore(at) {
      await relaxed((client) => client.query('DELETE FROM auth_failures WHERE minute < $1', [minuteOf(at)]));
    },
  };
}
