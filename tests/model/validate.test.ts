import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as v from 'valibot';
import { validateClassroomData, validateFiche, validateSchoolData } from '../../src/model/validate';
import { makeClassroomData, makeClassroomFiche, makeSchoolData, makeSchoolFiche } from '../../src/model/make';
import type { classroomDataSchema, schoolDataSchema } from '../../src/model/schema';
import type { ClassroomData, SchoolData } from '../../src/model/types';

const now = new Date('2026-11-28T10:00:00Z');

function errorsOf(result: ReturnType<typeof validateFiche>) {
  return result.ok ? [] : result.errors;
}

describe('validateFiche', () => {
  it('keeps the schemas and the record types in step', () => {
    expectTypeOf<v.InferOutput<ReturnType<typeof classroomDataSchema>>>().toEqualTypeOf<ClassroomData>();
    expectTypeOf<v.InferOutput<ReturnType<typeof schoolDataSchema>>>().toEqualTypeOf<SchoolData>();
  });

  it('accepts the builders’ records', () => {
    expect(validateFiche(makeClassroomFiche(), { now })).toMatchObject({ ok: true });
    expect(validateFiche(makeSchoolFiche(), { now })).toMatchObject({ ok: true });
  });

  it('refuses a UAI with a wrong check letter and names the field and the right letter', () => {
    const errors = errorsOf(validateFiche(makeClassroomFiche({ uai: '0950009E' }), { now }));
    expect(errors).toEqual([
      { path: 'uai', message: 'UAI : la lettre de contrôle de « 0950009E » est fausse (attendu : 0950009U).' },
    ]);
  });

  it('refuses a year before 1990 on the computer', () => {
    const errors = errorsOf(validateFiche(makeClassroomFiche({ data: { computer: { type: 'desktop', year: 1850 } } }), { now }));
    expect(errors).toEqual([
      { path: 'data.computer.year', message: "Année de l'ordinateur : saisissez une année entre 1990 et 2026 (saisi : 1850)." },
    ]);
  });

  it('refuses a year after the current one', () => {
    const errors = errorsOf(validateFiche(makeClassroomFiche({ data: { display: { type: 'eni', year: 2027 } } }), { now }));
    expect(errors.map((e) => e.path)).toEqual(['data.display.year']);
  });

  it('refuses 41 pupils in a class', () => {
    const errors = errorsOf(validateFiche(makeClassroomFiche({ data: { pupils: 41 } }), { now }));
    expect(errors).toEqual([
      { path: 'data.pupils', message: "Nombre d'élèves : saisissez un nombre entre 0 et 40 (saisi : 41)." },
    ]);
  });

  it('writes numbers the French way in its messages: decimal comma, spaced thousands, years as they are', () => {
    const ram = errorsOf(validateFiche(makeClassroomFiche({ data: { computer: { type: 'desktop', ramGb: 0.25 } } }), { now }));
    expect(ram.map((e) => e.message)).toEqual(['Mémoire vive (Go) : saisissez un nombre entre 0,5 et 256 (saisi : 0,25).']);
    const speed = errorsOf(validateFiche(makeSchoolFiche({ data: { internet: { access: 'fibre', downloadMbps: 250000.5, uploadMbps: null } } }), { now }));
    expect(speed.map((e) => e.message)).toEqual(['Débit descendant (Mb/s) : saisissez un nombre entre 0 et 100\u202f000 (saisi : 250\u202f000,5).']);
    const year = errorsOf(validateFiche(makeClassroomFiche({ data: { computer: { type: 'desktop', year: 2019.5 } } }), { now }));
    expect(year.map((e) => e.message)).toEqual(["Année de l'ordinateur : saisissez un nombre entier (saisi : 2019,5)."]);
  });

  it('refuses more working devices than devices in a fleet, naming the fleet', () => {
    const fleet = { id: 'flotte-1', type: 'tablet' as const, count: 12, workingCount: 14, year: 2022, charging: 'cart' as const, mdm: true };
    const errors = errorsOf(validateFiche(makeSchoolFiche({ data: { fleets: [fleet] } }), { now }));
    expect(errors).toEqual([
      {
        path: 'data.fleets.0.workingCount',
        message: "Nombre d'appareils fonctionnels (n° 1) : ne peut pas dépasser le nombre d'appareils (12).",
      },
    ]);
  });

  it('refuses an unknown kind without looking further', () => {
    const errors = errorsOf(validateFiche({ ...makeClassroomFiche(), kind: 'gymnase' }, { now }));
    expect(errors).toEqual([{ path: 'kind', message: 'Type de fiche : doit valoir « school » ou « classroom ».' }]);
  });

  it('says which envelope fields are missing', () => {
    const { id: _id, rev: _rev, ...rest } = makeClassroomFiche();
    const errors = errorsOf(validateFiche(rest, { now }));
    expect(errors.map((e) => e.message).sort()).toEqual(['Identifiant : ce champ manque.', 'Révision : ce champ manque.']);
  });

  it('refuses a campaign that is not one school year', () => {
    expect(errorsOf(validateFiche(makeSchoolFiche({ campaign: '2026-2028' }), { now })).map((e) => e.path)).toEqual(['campaign']);
  });

  it('trims text and keeps it as typed otherwise', () => {
    const result = validateFiche(makeClassroomFiche({ data: { label: '  CM1 <b>B</b> ' } }), { now });
    expect(result.ok && result.value.kind === 'classroom' && result.value.data.label).toBe('CM1 <b>B</b>');
  });

  it('refuses an empty class name and a too long one', () => {
    expect(errorsOf(validateFiche(makeClassroomFiche({ data: { label: '   ' } }), { now }))[0]?.message).toBe(
      'Nom de la classe : ce champ est obligatoire.',
    );
    expect(errorsOf(validateFiche(makeClassroomFiche({ data: { label: 'x'.repeat(61) } }), { now }))[0]?.message).toBe(
      'Nom de la classe : 60 caractères au plus (61 saisis).',
    );
  });

  it('reports every invalid field at once', () => {
    const errors = errorsOf(
      validateFiche(makeClassroomFiche({ data: { pupils: -1, computer: { type: 'laptop', ramGb: 0 }, levels: ['CP', 'CP'] } }), { now }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(['data.computer.ramGb', 'data.levels', 'data.pupils']);
  });

  it('refuses an unknown training theme', () => {
    const result = validateSchoolData(makeSchoolData({ trainingNeeds: ['robotique-programmation', 'astrologie'] }), { now });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['data.trainingNeeds.1']);
  });

  it('validates form data with paths under data.', () => {
    const result = validateClassroomData(makeClassroomData({ pupils: 2.5 }), { now });
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'data.pupils', message: "Nombre d'élèves : saisissez un nombre entier (saisi : 2,5)." },
    ]);
  });
});

describe('what every entry point refuses (issue 14)', () => {
  it('refuses an unknown field anywhere, naming it, rather than dropping it', () => {
    const fiche = makeClassroomFiche();
    expect(errorsOf(validateFiche({ ...fiche, foo: 1 }, { now }))).toEqual([{ path: 'foo', message: 'Champ inconnu : foo.' }]);
    expect(errorsOf(validateFiche({ ...fiche, data: { ...fiche.data, computer: { ...fiche.data.computer, serial: 'A1' } } }, { now }))).toEqual([
      { path: 'data.computer.serial', message: 'Champ inconnu : data.computer.serial.' },
    ]);
    expect(validateClassroomData({ ...makeClassroomData(), foo: 1 }, { now })).toEqual({ ok: false, errors: [{ path: 'data.foo', message: 'Champ inconnu : data.foo.' }] });
  });

  it('says in French that a group of fields must be an object', () => {
    expect(errorsOf(validateFiche({ ...makeClassroomFiche(), author: 'Camille' }, { now }))).toEqual([
      { path: 'author', message: 'Auteur : doit être un objet JSON.' },
    ]);
  });

  it('treats a label of zero-width spaces as blank, in the form as on the endpoint', () => {
    const result = validateClassroomData(makeClassroomData({ label: '\u200b\u2060\ufeff' }), { now });
    expect(result).toEqual({ ok: false, errors: [{ path: 'data.label', message: 'Nom de la classe : ce champ est obligatoire.' }] });
  });

  it('counts 31 emoji as 31 characters, and says how many were typed when over', () => {
    expect(validateClassroomData(makeClassroomData({ label: '👍🏽'.repeat(31) }), { now })).toMatchObject({ ok: true });
    const result = validateClassroomData(makeClassroomData({ notes: '😀'.repeat(2_001) }), { now });
    expect(result.ok ? [] : result.errors).toEqual([{ path: 'data.notes', message: 'Remarques : 2\u202f000 caractères au plus (2\u202f001 saisis).' }]);
  });

  it('quotes a long value by its start only', () => {
    const errors = errorsOf(validateFiche(makeClassroomFiche({ campaign: '2026'.repeat(1_000) }), { now }));
    expect(errors).toEqual([{ path: 'campaign', message: `Campagne : saisissez une année scolaire comme 2026-2027 (saisi : ${'2026'.repeat(10)}…).` }]);
  });

  it('refuses a list longer than it can be with one message, before its items', () => {
    const errors = errorsOf(validateFiche(makeSchoolFiche({ data: { fleets: new Array(51).fill({}) } }), { now }));
    expect(errors).toEqual([{ path: 'data.fleets', message: 'Flottes mobiles : 50 flottes au plus.' }]);
    const levels = errorsOf(validateFiche(makeClassroomFiche({ data: { levels: new Array(11).fill('CP') } }), { now }));
    expect(levels).toEqual([{ path: 'data.levels', message: 'Niveaux : 10 choix au plus.' }]);
  });

  it('refuses nesting a record cannot have before any rule runs', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(errorsOf(validateFiche({ ...makeClassroomFiche(), data: deep }, { now }))[0]?.message).toMatch(/^Fiche illisible : imbrication trop profonde sous data\.0\.0\.0/);
  });
});
