// Order statistics for benchmark figures.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export function describe(values: readonly number[], unit = 'ms'): string {
  const f = (n: number) => `${n.toFixed(2)} ${unit}`;
  return `median ${f(median(values))}, p95 ${f(percentile(values, 95))}, min ${f(Math.min(...values))}, max ${f(Math.max(...values))} (n = ${values.length})`;
}
