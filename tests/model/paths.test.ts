import { describe, expect, it } from 'vitest';
import { getAt, hasPath, setAt } from '../../src/model/paths';

const data = () => ({
  label: 'CM1 B',
  computer: { type: 'desktop', year: 2019 },
  display: { type: 'eni', year: 2021 },
  fleets: [
    { type: 'tablet', count: 12 },
    { type: 'laptop', count: 8 },
  ],
  notes: null as string | null,
});

describe('getAt', () => {
  it('reads a top-level, a nested and an array field', () => {
    const root = data();
    expect(getAt(root, 'label')).toBe('CM1 B');
    expect(getAt(root, 'computer.year')).toBe(2019);
    expect(getAt(root, 'fleets.1.count')).toBe(8);
  });

  it('yields undefined for a path that goes nowhere', () => {
    const root = data();
    expect(getAt(root, 'computer.ramGb')).toBeUndefined();
    expect(getAt(root, 'fleets.5.count')).toBeUndefined();
    expect(getAt(root, 'label.length.x')).toBeUndefined();
    expect(getAt(root, 'notes.text')).toBeUndefined();
  });
});

describe('hasPath', () => {
  it('is true for a field that is present, even when it holds null', () => {
    const root = data();
    expect(hasPath(root, 'computer.year')).toBe(true);
    expect(hasPath(root, 'fleets.0.count')).toBe(true);
    expect(hasPath(root, 'notes')).toBe(true);
  });

  it('is false for a missing field, a missing array element or a field under a value', () => {
    const root = data();
    expect(hasPath(root, 'computer.ramGb')).toBe(false);
    expect(hasPath(root, 'fleets.2.count')).toBe(false);
    expect(hasPath(root, 'notes.text')).toBe(false);
    expect(hasPath(null, 'label')).toBe(false);
  });
});

describe('setAt', () => {
  it('returns a copy with the value at the path', () => {
    const updated = setAt(data(), 'computer.year', 2023);
    expect(updated).toEqual({ ...data(), computer: { type: 'desktop', year: 2023 } });
  });

  it('does not change the object it is given', () => {
    const root = data();
    setAt(root, 'computer.year', 2023);
    setAt(root, 'fleets.0.count', 30);
    expect(root).toEqual(data());
  });

  it('copies the objects on the way and shares the untouched branches', () => {
    const root = data();
    const updated = setAt(root, 'computer.year', 2023);
    expect(updated).not.toBe(root);
    expect(updated.computer).not.toBe(root.computer);
    expect(updated.display).toBe(root.display);
    expect(updated.fleets).toBe(root.fleets);
  });

  it('keeps arrays as arrays and shares their untouched elements', () => {
    const root = data();
    const updated = setAt(root, 'fleets.1.count', 9);
    expect(Array.isArray(updated.fleets)).toBe(true);
    expect(updated.fleets).toEqual([
      { type: 'tablet', count: 12 },
      { type: 'laptop', count: 9 },
    ]);
    expect(updated.fleets).not.toBe(root.fleets);
    expect(updated.fleets[0]).toBe(root.fleets[0]);
  });

  it('creates the missing objects on the way', () => {
    expect(setAt<Record<string, unknown>>({}, 'wifi.coverage', 'all')).toEqual({ wifi: { coverage: 'all' } });
  });
});
