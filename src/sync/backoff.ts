// When to try again: exponential backoff with full jitter, about 1 s doubling to 5 min, unless the server said
// when (Retry-After, in seconds or as an HTTP date).

export const SYNC_BACKOFF_BASE_MS = 1000;
export const SYNC_BACKOFF_MAX_MS = 5 * 60 * 1000;

/** The wait before attempt `failures` + 1; `random` in [0, 1). Never less than half the step, so it always grows. */
export function backoffMs(failures: number, random: number = Math.random()): number {
  const step = Math.min(SYNC_BACKOFF_MAX_MS, SYNC_BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (step / 2) * random);
}

export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(SYNC_BACKOFF_MAX_MS, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(SYNC_BACKOFF_MAX_MS, Math.max(0, date - now));
}
