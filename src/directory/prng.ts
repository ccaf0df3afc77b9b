// A tiny seeded pseudo-random generator (mulberry32) for demonstration and benchmark data: the same seed
// always gives the same sequence, so generated départements are reproducible. Not for anything secret.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** One item, chosen with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An RFC 4122 version 4 UUID made from the sequence (deterministic, unlike crypto.randomUUID). */
  uuid(): string;
}

const UINT32_RANGE = 4294967296;
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / UINT32_RANGE;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hexByte = (): string => HEX_BYTES[int(0, 255)] as string;

  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
      let total = 0;
      for (const [, weight] of entries) total += weight;
      if (entries.length === 0 || total <= 0) throw new Error('weighted pick without weights');
      let threshold = next() * total;
      for (const [item, weight] of entries) {
        threshold -= weight;
        if (threshold < 0) return item;
      }
      return (entries[entries.length - 1] as readonly [T, number])[0];
    },
    chance: (p: number): boolean => next() < p,
    uuid(): string {
      let h = '';
      for (let i = 0; i < 16; i += 1) h += hexByte();
      // Version 4 in the 13th hex digit, variant 10xx in the 17th.
      const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
