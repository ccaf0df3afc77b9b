// User Timing measures of the save path and of sync, read by the browser benchmarks (bench/edit-to-disk.ts,
// bench/sync.ts).
// Cleared now and then so that a long day of typing does not pile them up.
const MAX_MEASURES = 1000;
let count = 0;

export function recordTiming(name: string, startedAt: number, detail?: Record<string, unknown>): void {
  if (typeof performance.measure !== 'function') return;
  if (++count > MAX_MEASURES) {
    performance.clearMeasures();
    count = 1;
  }
  performance.measure(name, { start: startedAt, end: performance.now(), detail });
}
