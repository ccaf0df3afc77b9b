// SQLite's own checkpoints copy the write-ahead log back into the database but never shrink the file: after a load
// run it stays at 50 to 100 MB. A checkpoint that truncates it, every minute, keeps it to a minute's writes.
import type { FastifyInstance } from 'fastify';
import type { Store } from './store/store';

export const WAL_CHECKPOINT_INTERVAL_MS = 60_000;

/** Checkpoints `store` every `intervalMs` while the app is open (0: never). */
export function checkpointPeriodically(app: FastifyInstance, store: Store, intervalMs: number): void {
  if (intervalMs <= 0) return;
  const timer = setInterval(() => {
    store.checkpoint().catch((error: unknown) => app.log.error({ err: error }, 'Point de contrôle du journal SQLite (WAL) impossible.'));
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
