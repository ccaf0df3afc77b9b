// GET /api/v1/openapi.json against the real server: a document that a real OpenAPI 3.1 validator accepts, that
// describes every route the app registers under /api/v1 (so that a route added without its description fails here),
// whose record schemas accept what the server stores and refuse what it refuses, and whose answers' schemas match what
// the server answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import * as v from 'valibot';
import { buildApp } from '../../server/src/app';
import { documentedJsonSchemas } from '../../server/src/openapi-schemas';
import { makeClassroomFiche, makeSchoolFiche } from '../../src/model/make';
import { uaiCheckLetter } from '../../src/model/uai';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import type { SyncResponse } from '../../src/model/sync-protocol';
import { getChanges, makeBatch, makeTempDir, postSync, pushOf, removeTempDir, startServer, type TestServer } from './support';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object>; responses: Record<string, { content: Record<string, { schema: object }> }> };
};

let dir: string;
let server: TestServer;
let doc: Doc;
let ajv: Ajv2020;

/** The document's schemas as `$defs` of one schema, so that ajv resolves their references to one another. */
function compile(schema: object): ValidateFunction {
  const asDefs = (value: object) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/')) as object;
  return ajv.compile({ ...asDefs(schema), $defs: asDefs(doc.components.schemas) });
}

/** Every `schema` written inside `value` (parameters', bodies' and answers'). */
function inlineSchemas(value: unknown): object[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => (key === 'schema' && typeof item === 'object' ? [item as object] : inlineSchemas(item)));
}

const schemaNamed = (name: string) => compile({ $ref: `#/components/schemas/${name}` });

/** The schema the document gives for `status` of `method path`'s JSON answer. */
function answerSchema(path: string, method: string, status: number): ValidateFunction {
  const response = doc.paths[path]?.[method]?.responses[String(status)];
  if (response === undefined) throw new Error(`${method} ${path}: no ${status} described`);
  const described = response.$ref === undefined ? response : doc.components.responses[response.$ref.split('/').at(-1) ?? ''];
  const schema = described?.content?.['application/json']?.schema;
  if (schema === undefined) throw new Error(`${method} ${path} ${status}: no JSON body described`);
  return compile(schema);
}

beforeAll(async () => {
  dir = makeTempDir();
  server = await startServer(join(dir, 'tne13.sqlite'));
  doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as Doc;
  // Dates and UUIDs are described by valibot's own regexes (`pattern`); formats are annotations only.
  ajv = new Ajv2020({ allErrors: true, validateFormats: false, strictTypes: false });
});

afterAll(async () => {
  await server.close();
  removeTempDir(dir);
});

describe('the OpenAPI document', () => {
  it('is served without a token, valid by the OpenAPI 3.1 schema, with an ETag that an unchanged copy answers 304', async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const etag = response.headers.get('etag') ?? '';
    const validator = new Validator();
    const result = await validator.validate((await response.json()) as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect([result.valid, validator.version]).toEqual([true, '3.1']);

    // The validator checks the document's structure, not its schemas: ajv, strict, checks each against JSON Schema
    // 2020-12 and refuses a keyword it does not know.
    for (const schema of [...Object.values(doc.components.schemas), ...inlineSchemas(doc.paths), ...inlineSchemas(doc.components.responses)]) {
      expect(() => compile(schema), JSON.stringify(schema).slice(0, 200)).not.toThrow();
    }

    const again = await fetch(`${server.url}/api/v1/openapi.json`, { headers: { 'if-none-match': etag } });
    expect([again.status, again.headers.get('etag')]).toEqual([304, etag]);
  });

  it('describes every route the app registers under /api/v1, with its methods, and no other', async () => {
    const app = await buildApp({ dbPath: ':memory:' });
    await app.ready();
    const listed = [...app.printRoutes({ commonPrefix: false }).matchAll(/(\/api\/v1\/\S+) \(([^)]+)\)/g)];
    await app.close();
    expect(listed.length).toBeGreaterThan(0);

    const registered: string[] = [];
    for (const [, url = '', methods = ''] of listed) {
      // Every other method of an API address has a route that answers 405: the real ones answer anything else.
      for (const method of methods.split(', ')) {
        const response = await fetch(`${server.url}${url.replaceAll(/:\w+/g, 'x')}`, { method });
        if (response.status !== 405) registered.push(`${method} ${url.replaceAll(/:(\w+)/g, '{$1}')}`);
      }
    }
    const described = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    // Fastify answers HEAD for every GET: described with the GET unless it is described itself.
    const headOfGet = (operation: string) =>
      operation.startsWith('HEAD ') && !described.includes(operation) && described.includes(operation.replace('HEAD', 'GET'));
    expect(registered.filter((operation) => !headOfGet(operation)).sort()).toEqual([...described].sort());
    expect(described.every((operation) => registered.includes(operation))).toBe(true);
  });

  it('states the validation’s strict objects, bounds and enumerations, and describes in French what JSON Schema cannot', () => {
    const schemas = JSON.stringify(doc.components.schemas);
    const classroom = (doc.components.schemas.PushRecord as { oneOf: Array<{ properties: Record<string, { properties: Record<string, unknown> } & Record<string, unknown>> }> }).oneOf[1];
    const data = classroom?.properties.data;

    expect(classroom).toMatchObject({ additionalProperties: false, properties: { kind: { const: 'classroom' }, baseRev: { type: 'integer', minimum: 0 } } });
    expect(classroom?.properties).not.toHaveProperty('rev');
    expect(data).toMatchObject({ additionalProperties: false });
    expect(data?.properties.pupils).toEqual({ anyOf: [{ type: 'integer', minimum: 0, maximum: 40 }, { type: 'null' }] });
    expect(data?.properties.levels).toMatchObject({ type: 'array', maxItems: 10, uniqueItems: true, items: { enum: ['CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS', 'UPE2A', 'PS', 'MS', 'GS'] } });
    expect(data?.properties.label).toMatchObject({ type: 'string', minLength: 1, description: expect.stringMatching(/de 1 à 60 caractères comptés comme un lecteur les voit \(graphèmes\)/) });
    expect(data?.properties.label).not.toHaveProperty('maxLength');
    expect(classroom?.properties.uai).toMatchObject({ pattern: '^\\d{7}[A-Z]$', description: expect.stringContaining('lettre de contrôle') });
    expect(schemas).toContain('workingCount ne dépasse pas count');
    expect(schemas).toContain('ecole-<campagne>-<UAI>, de sa propre campagne et de son UAI');
    expect(schemas).toContain(`"maximum":${new Date().getUTCFullYear()}`);
  });
});

describe('the records’ schemas', () => {
  it('accept the records the server stores, pushed and pulled, and refuse a field it refuses, at any depth', async () => {
    const schoolFiche = makeSchoolFiche({ data: { fleets: [{ id: 'f1', type: 'tablet', count: 16, workingCount: 15, year: 2024, charging: 'cart', mdm: true }] } });
    const classroomFiche = makeClassroomFiche({ data: { levels: ['CP', 'CE1'], pupils: 24, notes: 'Tableau à changer' } });
    const [school, classroom] = [pushOf(schoolFiche), pushOf(classroomFiche)];
    const pushRecord = schemaNamed('PushRecord');
    const fiche = schemaNamed('Fiche');
    expect([pushRecord(school), pushRecord(classroom)], JSON.stringify(pushRecord.errors)).toEqual([true, true]);

    const results = (await postSync<SyncResponse>(server, makeBatch([school, classroom]))).body.results;
    expect(results.map((result) => result.status)).toEqual(['stored', 'stored']);
    const { changes } = (await getChanges(server, { campaign: '2026-2027' })).body;
    expect(changes.map((head) => fiche(head.record))).toEqual([true, true]);

    const unknown = [
      { ...classroom, couleur: 'bleu' },
      { ...classroom, data: { ...classroomFiche.data, couleur: 'bleu' } },
      { ...school, data: { ...schoolFiche.data, fleets: [{ ...schoolFiche.data.fleets[0], couleur: 'bleu' }] } },
      { ...classroom, rev: 1 },
    ];
    const answered = (await postSync<SyncResponse>(server, makeBatch(unknown))).body.results;
    expect(answered.map((result) => result.status)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect(unknown.map((record) => pushRecord(record))).toEqual([false, false, false, false]);
  });

  it('refuse a value out of an enumeration or a bound, as the server does', () => {
    const pushRecord = schemaNamed('PushRecord');
    const fiche = makeClassroomFiche();
    const classroom = pushOf(fiche);
    const refused = [
      { ...classroom, data: { ...fiche.data, pupils: 41 } },
      { ...classroom, data: { ...fiche.data, levels: ['CP', 'CP'] } },
      { ...classroom, data: { ...fiche.data, display: { ...fiche.data.display, type: 'hologramme' } } },
      { ...classroom, data: { ...fiche.data, label: '' } },
      { ...classroom, uai: '013056Y' },
      { ...classroom, id: 'salle-1' },
      { ...classroom, updatedAt: 'hier' },
    ];
    expect(refused.map((record) => pushRecord(record))).toEqual(refused.map(() => false));
  });

  it('stop the build on a rule the converter cannot read and the model does not describe', () => {
    expect(() => documentedJsonSchemas({ Card: v.pipe(v.string(), v.creditCard()) })).toThrow(/credit_card/);
    expect(() => documentedJsonSchemas({ When: v.date() })).toThrow(/"date" schema/);
    expect(documentedJsonSchemas({ Note: v.pipe(v.string(), v.check((s) => s !== 'x'), v.description('Tout sauf x.')) })).toEqual({
      Note: { type: 'string', description: 'Tout sauf x.' },
    });
  });
});

describe('the answers’ schemas', () => {
  it('match what the server answers: push results of every status, a page, a history, the directory, health, the référentiel and refusals', async () => {
    const lecteur = await server.makeToken('Sam Bernard', { role: 'lecteur' });
    const fiche = makeClassroomFiche();
    const first = await postSync<SyncResponse>(server, makeBatch([pushOf(fiche)]));
    await postSync(server, makeBatch([pushOf({ ...fiche, data: { ...fiche.data, pupils: 3 } }, 1)]));
    const mixed = await postSync<SyncResponse>(server, makeBatch([pushOf(fiche), pushOf({ ...fiche, data: { ...fiche.data, pupils: 9 } }, 1), { id: 'x' }, pushOf(makeClassroomFiche({ uai: `0750001${uaiCheckLetter('0750001')}` }))]));
    expect(mixed.body.results.map((result) => result.status)).toEqual(['duplicate', 'conflict', 'invalid', 'forbidden']);

    const get = async (path: string, token: string | null = server.token) => {
      const response = await fetch(`${server.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const put = async (path: string, body: unknown, token: string = server.token) => {
      const response = await fetch(`${server.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const answers: Array<[string, string, { status: number; body: unknown }]> = [
      ['/api/v1/sync', 'post', first],
      ['/api/v1/sync', 'post', mixed],
      ['/api/v1/sync', 'post', await postSync(server, { protocol: 1 })],
      ['/api/v1/sync', 'post', await postSync(server, makeBatch([pushOf(fiche)]), { token: lecteur })],
      ['/api/v1/changes', 'get', await getChanges(server, { campaign: '2026-2027' })],
      ['/api/v1/changes', 'get', await getChanges(server, {})],
      ['/api/v1/fiches/{id}/history', 'get', await get(`/api/v1/fiches/${fiche.id}/history`, lecteur)],
      ['/api/v1/fiches/{id}/history', 'get', await get(`/api/v1/fiches/${crypto.randomUUID()}/history`)],
      ['/api/v1/fiches/{id}/history', 'get', await get('/api/v1/fiches/%00/history')],
      ['/api/v1/fiches/{id}/history', 'get', await get(`/api/v1/fiches/${fiche.id}/history`, null)],
      ['/api/v1/schools', 'get', await get('/api/v1/schools', null)],
      ['/api/v1/health', 'get', await get('/api/v1/health', null)],
      ['/api/v1/export.csv', 'get', await get('/api/v1/export.csv?sheet=inconnue')],
      ['/api/v1/referential', 'get', await get('/api/v1/referential', lecteur)],
      ['/api/v1/referential', 'put', await put('/api/v1/referential', REFERENTIAL_V1)],
      ['/api/v1/referential', 'put', await put('/api/v1/referential?version=2026.1', REFERENTIAL_V1)],
      ['/api/v1/referential', 'put', await put('/api/v1/referential', { ...REFERENTIAL_V1, params: {} })],
      ['/api/v1/referential', 'put', await put('/api/v1/referential', REFERENTIAL_V1, lecteur)],
    ];
    expect(answers.map(([, , answer]) => answer.status)).toEqual([200, 200, 400, 403, 200, 400, 200, 404, 400, 401, 200, 200, 400, 200, 201, 409, 400, 403]);
    for (const [path, method, answer] of answers) {
      const valid = answerSchema(path, method, answer.status);
      expect(valid(answer.body), `${method} ${path} ${answer.status}: ${JSON.stringify(valid.errors)}`).toBe(true);
    }
  });
});
