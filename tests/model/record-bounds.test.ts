import { describe, expect, it } from 'vitest';
import { makeClassroomData, makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import { dataSizeProblem, DATA_MAX_BYTES, RECORD_MAX_BYTES, RECORD_MAX_DEPTH, recordSizeProblem, shapeProblem } from '../../src/model/record-bounds';
import { canonicalJson } from '../../src/model/sync-protocol';

/** Objects nested `levels` deep, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

const fullSchool = () =>
  makeSchoolFiche({
    data: {
      fleets: Array.from({ length: 50 }, (_, i) => ({ id: `flotte-${i}`, type: 'tablet' as const, count: 10, workingCount: 9, year: 2022, charging: 'cart' as const, mdm: true })),
    },
  });

describe('shapeProblem', () => {
  it('finds nothing wrong with the largest valid records', () => {
    expect(shapeProblem(fullSchool())).toBeNull();
    expect(shapeProblem(makeClassroomFiche({ data: { levels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS', 'UPE2A', 'PS', 'MS', 'GS'] } }))).toBeNull();
  });

  it('refuses a record nested deeper than a record can be, naming where', () => {
    expect(shapeProblem({ ...makeClassroomFiche(), extra: nested(RECORD_MAX_DEPTH) })).toEqual({
      path: 'extra.a.a.a.a.a.a.a',
      message: "Fiche illisible : imbrication trop profonde sous extra.a.a.a.a.a.a.a (plus de 8 niveaux), ce n'est pas une fiche.",
    });
  });

  it('walks a million levels without recursion', () => {
    expect(shapeProblem(nested(1_000_000))?.message).toMatch(/imbrication trop profonde/);
  });

  it('refuses a record of more values than a record can hold, before looking at them', () => {
    expect(shapeProblem({ fleets: new Array(1_000_000).fill({}) })?.message).toBe("Fiche illisible : plus de 2\u202f000 valeurs, ce n'est pas une fiche.");
  });

  it('names paths under the prefix it is given', () => {
    expect(shapeProblem({ display: nested(20) }, 'data')?.path).toBe('data.display.a.a.a.a.a.a.a');
  });
});

describe('recordSizeProblem and dataSizeProblem', () => {
  const withNotes = (bytes: number) => {
    const fiche = makeClassroomFiche();
    return makeClassroomFiche({ data: { notes: 'x'.repeat(bytes - canonicalJson(fiche).length) } });
  };

  it('lets a record of exactly 64 KiB through and names the longest text of a larger one', () => {
    expect(recordSizeProblem(withNotes(RECORD_MAX_BYTES))).toBeNull();
    expect(recordSizeProblem(withNotes(RECORD_MAX_BYTES + 1))).toEqual({
      path: 'data.notes',
      message: 'Remarques : texte trop long pour la fiche (65 Kio une fois enregistrée, au plus 64 Kio) : raccourcissez-le.',
    });
  });

  it('counts bytes of UTF-8, not characters: 21,800 « é » fit (2 bytes each), 32,800 do not', () => {
    const withAccents = (count: number) => makeClassroomFiche({ data: { notes: 'é'.repeat(count) } });
    // Within the bound by bytes although three times its characters exceed it: counted, not guessed.
    expect(JSON.stringify(withAccents(21_800)).length * 3).toBeGreaterThan(RECORD_MAX_BYTES);
    expect(recordSizeProblem(withAccents(21_800))).toBeNull();
    expect(recordSizeProblem(withAccents(32_800))?.message).toContain('65 Kio une fois enregistrée');
  });

  it('keeps a form’s data within the record’s bound less room for the envelope', () => {
    const data = (bytes: number) => makeClassroomData({ notes: 'x'.repeat(bytes - canonicalJson(makeClassroomData()).length) });
    expect(dataSizeProblem(data(DATA_MAX_BYTES))).toBeNull();
    expect(dataSizeProblem(data(DATA_MAX_BYTES + 1))?.path).toBe('data.notes');
  });
});
