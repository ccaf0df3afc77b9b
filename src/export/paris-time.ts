// Wall-clock time in Paris, whatever the time zone of the machine (a tablet in Paris, a server in UTC): both
// exports of the same fiches must show the same dates.

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 3_600_000;
// Paris's offset from UTC changes only on an hour boundary: one Intl call per UTC hour, not per timestamp.
const offsets = new Map<number, number>();

function offsetMs(utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const p = Object.fromEntries(PARTS.formatToParts(new Date(hour * HOUR_MS)).map((x) => [x.type, x.value]));
    const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    offset = wall - hour * HOUR_MS;
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** `2026-11-28T17:38:04.000Z` → `2026-11-28T18:38` (Paris); null for an unreadable date. */
export function parisDateTime(value: string | Date): string | null {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) return null;
  return new Date(ms + offsetMs(ms)).toISOString().slice(0, 16);
}

/**
 * The wall clock in Paris at `at`, to the second, as the UTC fields of the Date answered (`2026-11-28T17:38:04Z` →
 * `2026-11-28T18:38:04Z`): for formats that write a wall time with no zone, a zip entry's date say.
 */
export function parisWall(at: Date): Date {
  const ms = at.getTime();
  return new Date(ms + offsetMs(ms));
}

/** `20261128-1838`: the time stamp of an export's file name. */
export function fileStamp(at: Date): string {
  const wall = parisDateTime(at) ?? '';
  return `${wall.slice(0, 10).replace(/-/g, '')}-${wall.slice(11, 13)}${wall.slice(14, 16)}`;
}
