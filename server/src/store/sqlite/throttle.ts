// Failed authentications per address and minute for the 429 rule, in SQLite: one row per address and minute.
import type Database from 'better-sqlite3';
import type { ThrottleStore } from '../store';
import { minuteOf } from './audit';

export function sqliteThrottle(db: Database.Database): ThrottleStore {
  const bump = db.prepare(
    `INSERT INTO auth_failures (minute, address, count) VALUES (?, ?, 1)
     ON CONFLICT (minute, address) DO UPDATE SET count = count + 1 RETURNING count`,
  ).pluck();
  const read = db.prepare('SELECT count FROM auth_failures WHERE minute = ? AND address = ?').pluck();
  const forget = db.prepare('DELETE FROM auth_failures WHERE minute < ?');
  // As the audit log's count: a wrong token must not cost a disk flush (synchronous=FULL), or sending them would slow
  // every push down; a power cut may forget the last counts, which only shortens a refusal.
  const relaxed = <T>(run: () => T): T => {
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = NORMAL');
    try {
      return run();
    } finally {
      db.pragma(`synchronous = ${synchronous}`);
    }
  };
  return {
    async addFailure(address, at) {
      return relaxed(() => bump.get(minuteOf(at), address) as number);
    },
    async failures(address, at) {
      return (read.get(minuteOf(at), address) as number | undefined) ?? 0;
    },
    async forgetBefore(at) {
      relaxed(() => forget.run(minuteOf(at)));
    },
  };
}
