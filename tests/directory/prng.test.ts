import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/directory/prng';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function draws<T>(count: number, draw: () => T): T[] {
  return Array.from({ length: count }, draw);
}

describe('seeded random generator', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(13);
    const b = createRandom(13);
    expect(draws(50, () => a.next())).toEqual(draws(50, () => b.next()));
  });

  it('gives another sequence for another seed', () => {
    const a = createRandom(13);
    const b = createRandom(14);
    expect(draws(10, () => a.next())).not.toEqual(draws(10, () => b.next()));
  });

  it('draws floats in [0, 1) spread over the whole interval', () => {
    const values = draws(10_000, createRandom(1).next);
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.min(...values)).toBeLessThan(0.01);
    expect(Math.max(...values)).toBeGreaterThan(0.99);
  });

  it('draws integers between both bounds, both included', () => {
    const random = createRandom(2);
    const values = draws(2_000, () => random.int(4, 9));
    expect(values.every((n) => Number.isInteger(n) && n >= 4 && n <= 9)).toBe(true);
    expect(new Set(values)).toEqual(new Set([4, 5, 6, 7, 8, 9]));
  });

  it('picks every item of a list and refuses an empty one', () => {
    const random = createRandom(3);
    const items = ['CP', 'CE1', 'CE2'] as const;
    expect(new Set(draws(300, () => random.pick(items)))).toEqual(new Set(items));
    expect(() => random.pick([])).toThrow();
  });

  it('follows the weights and never picks a zero weight', () => {
    const random = createRandom(4);
    const picks = draws(10_000, () => random.weighted([['often', 3], ['never', 0], ['seldom', 1]] as const));
    const often = picks.filter((p) => p === 'often').length;
    expect(picks).not.toContain('never');
    expect(often / picks.length).toBeGreaterThan(0.7);
    expect(often / picks.length).toBeLessThan(0.8);
  });

  it('says yes with the asked probability', () => {
    const random = createRandom(5);
    expect(draws(100, () => random.chance(0)).some(Boolean)).toBe(false);
    expect(draws(100, () => random.chance(1)).every(Boolean)).toBe(true);
    const yes = draws(10_000, () => random.chance(0.3)).filter(Boolean).length;
    expect(yes).toBeGreaterThan(2_800);
    expect(yes).toBeLessThan(3_200);
  });

  it('makes version 4 UUIDs that are unique and reproducible', () => {
    const a = createRandom(6);
    const ids = draws(10_000, () => a.uuid());
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const b = createRandom(6);
    expect(draws(3, () => b.uuid())).toEqual(ids.slice(0, 3));
  });
});
