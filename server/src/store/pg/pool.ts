// The connection pool of the PostgreSQL store, and the transactions every module runs on it. One pool per Store (a
// server instance, a CLI), one small one per campaign reader (the export worker's thread).
import pg from 'pg';

/** BIGINT (seqs, counts) as numbers: a seq stays far below 2^53, and the interface speaks numbers. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PoolOptions {
  /** The most connections it opens; requests beyond wait for one. */
  max: number;
}

// A statement that runs this long is stuck (a lock never released, a query gone wrong), not slow: a push waits for the
// ones before it, each a few milliseconds. A transaction left open while idle (a process frozen mid-way) is ended so
// that it does not hold the push lock or old row versions.
const STATEMENT_TIMEOUT_MS = 60_000;
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
// An address that drops packets would leave a connection attempt waiting for TCP's own timeout (minutes).
const CONNECTION_TIMEOUT_MS = 10_000;

export function openPool(url: string, { max }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    application_name: 'tne13',
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
  });
  // An idle connection the server closed (a restart, a failover) is dropped from the pool and the next query opens
  // another; without a listener, node-postgres's 'error' event would end the process.
  pool.on('error', () => {});
  return pool;
}

export type Client = pg.PoolClient;

/** How a transaction begins: its isolation, and whether it only reads. */
export type Begin = 'BEGIN' | 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/**
 * Runs `work` in one transaction on one connection of `pool`: committed when it resolves, rolled back when it
 * throws. A connection whose rollback fails is closed rather than handed to the next caller in an unknown state.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: Client) => Promise<T>, begin: Begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A read of one snapshot: every statement of `work` sees the database as it was when the first one ran. */
export function inSnapshot<T>(pool: pg.Pool, work: (client: Client) => Promise<T>): Promise<T> {
  return inTransaction(pool, work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

// Transaction-level advisory locks (released at commit or rollback), one key per purpose. Any 64-bit numbers would
// do; these read "TNE1…" so that they are recognisable in pg_locks.
export const LOCKS = {
  /** Held by each push and each directory replacement: see revisions.ts. */
  writes: 0x544e_4531_0001n,
  /** Held while the schema is brought up to date, so that two instances starting at once do not both migrate. */
  migrations: 0x544e_4531_0002n,
  /** Held while a minute's failed authentications are counted in the audit log (its cap on addresses). */
  auditCount: 0x544e_4531_0003n,
} as const;

/** Waits for the advisory lock `key` until the transaction of `client` ends. */
export async function lock(client: Client, key: bigint): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [key.toString()]);
}
