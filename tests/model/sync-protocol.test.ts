// The canonical forms of a pushed record (src/model/sync-protocol.ts): the server sorts a record's keys once and
// writes both its content (what `duplicate` compares) and the text it stores; both must be byte for byte what the
// general canonical JSON gives, or a re-sent record would no longer be recognised and stored files would differ.
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalRevision, contentOf, pushRecordOf } from '../../src/model/sync-protocol';
import { generateDepartement } from '../fixtures/departement/generate-departement';

describe('canonicalRevision', () => {
  const fiches = generateDepartement().fiches.slice(0, 400);

  it('gives contentOf and the canonical JSON of the record stored at a rev, for classrooms and schools', () => {
    expect(new Set(fiches.map((fiche) => fiche.kind))).toEqual(new Set(['classroom', 'school']));
    for (const [i, fiche] of fiches.entries()) {
      const record = pushRecordOf(fiche, i % 3);
      const { content, storedAt } = canonicalRevision(record);
      const { baseRev: _baseRev, ...stored } = record;
      expect(content).toBe(contentOf(record));
      expect(storedAt(i + 7)).toBe(canonicalJson({ ...stored, rev: i + 7 }));
    }
  });

  it('sorts keys at every depth whatever order they came in, and the rev among the record’s own', () => {
    const record = { uai: '0130001A', data: { z: 1, a: { y: [{ b: 2, a: 1 }], x: null } }, baseRev: 4, id: 'f', kind: 'classroom' };
    const { content, storedAt } = canonicalRevision(record as never);
    expect(content).toBe('{"data":{"a":{"x":null,"y":[{"a":1,"b":2}]},"z":1},"id":"f","kind":"classroom","uai":"0130001A"}');
    expect(storedAt(5)).toBe('{"data":{"a":{"x":null,"y":[{"a":1,"b":2}]},"z":1},"id":"f","kind":"classroom","rev":5,"uai":"0130001A"}');
  });
});
