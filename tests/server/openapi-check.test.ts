// The checker every server test's answers go through (openapi-check.ts) can fail: a body off its schema, a status or a
// content type the document does not describe, a required header missing, each refused with a message that names the
// operation and what is wrong; and real answers of the real server pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeClassroomFiche } from '../../src/model/make';
import { XLSX_MIME } from '../../src/export/xlsx';
import { checkingFetch, checkResponse, uncheckedFetch } from './openapi-check';
import { makeBatch, makeTempDir, pushOf, removeTempDir, startServer, type TestServer } from './support';

const URL_BASE = 'http://127.0.0.1:3000';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const refusal = JSON.stringify({ error: 'unauthorized', message: 'Jeton manquant.' });

describe('checkResponse, handed answers the document does not describe', () => {
  it('refuses a body off its schema, naming the operation, the status and the field', () => {
    const page = JSON.stringify({ changes: [], cursor: '0', more: 'non' });
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/changes?campaign=2026-2027`, 200, JSON_TYPE, page)).toThrow(
      /GET \/api\/v1\/changes answered 200 .*body does not match its schema: \/more must be boolean/,
    );
    const unknownField = JSON.stringify({ status: 'ok', version: 3 });
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/health`, 200, JSON_TYPE, unknownField)).toThrow(/must NOT have additional properties .*version/);
    // An error body is { error, message } and nothing else.
    expect(() => checkResponse('POST', `${URL_BASE}/api/v1/sync`, 400, JSON_TYPE, JSON.stringify({ message: 'Requête invalide.' }))).toThrow(
      /POST \/api\/v1\/sync answered 400 .*must have required property 'error'/,
    );
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/health`, 200, JSON_TYPE, 'ok')).toThrow(/not JSON/);
  });

  it('refuses a status the operation does not describe, listing those it does', () => {
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/health`, 401, { ...JSON_TYPE, 'www-authenticate': 'Bearer' }, refusal)).toThrow(
      /GET \/api\/v1\/health answered 401 .*status 401 not described \(described: 200, 400, /,
    );
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/schools`, 201, JSON_TYPE, '[]')).toThrow(/status 201 not described/);
    // An address no path describes answers 404, a method its path does not take 405, and nothing else of theirs.
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/inconnue`, 200, JSON_TYPE, '{}')).toThrow(/\/api\/v1\/inconnue \(an address not described\).*status 200/);
    expect(() => checkResponse('DELETE', `${URL_BASE}/api/v1/sync`, 404, JSON_TYPE, refusal)).toThrow(/DELETE \/api\/v1\/sync \(a method not described\).*status 404/);
  });

  it('refuses a content type the status does not describe, and a required header missing or wrong', () => {
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/export.xlsx`, 200, { 'content-type': 'text/html', etag: '"a"', 'content-disposition': 'attachment; filename="x.xlsx"' }, undefined)).toThrow(
      /GET \/api\/v1\/export.xlsx answered 200 .*Content-Type text\/html not described \(described: application\/vnd/,
    );
    expect(() => checkResponse('POST', `${URL_BASE}/api/v1/sync`, 400, { 'content-type': 'text/plain' }, 'Bad Request')).toThrow(/Content-Type text\/plain not described/);
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/changes`, 401, JSON_TYPE, refusal)).toThrow(/required header WWW-Authenticate missing/);
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/changes`, 429, JSON_TYPE, refusal)).toThrow(/required header Retry-After missing/);
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/changes`, 503, { ...JSON_TYPE, 'retry-after': 'demain' }, refusal)).toThrow(/header Retry-After: "demain" .*must be integer/);
    expect(() => checkResponse('POST', `${URL_BASE}/api/v1/health`, 405, JSON_TYPE, refusal)).toThrow(/required header Allow missing/);
  });

  it('lets a described answer through: a workbook by its type alone, a 304 and a HEAD without a body', () => {
    const workbook = { 'content-type': XLSX_MIME, etag: '"abc"', 'content-disposition': 'attachment; filename="tne13.xlsx"' };
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/export.xlsx`, 200, workbook, undefined)).not.toThrow();
    expect(() => checkResponse('HEAD', `${URL_BASE}/api/v1/export.xlsx`, 200, workbook, undefined)).not.toThrow();
    expect(() => checkResponse('GET', `${URL_BASE}/api/v1/schools`, 304, { etag: '"abc"' }, '')).not.toThrow();
    expect(() => checkResponse('HEAD', `${URL_BASE}/api/v1/health`, 200, JSON_TYPE, undefined)).not.toThrow();
    expect(() => checkResponse('DELETE', `${URL_BASE}/api/v1/sync`, 405, { ...JSON_TYPE, allow: 'POST' }, JSON.stringify({ error: 'method_not_allowed', message: 'Méthode DELETE non prise en charge.' }))).not.toThrow();
  });
});

describe('checkResponse, handed the real server’s answers', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = makeTempDir();
    server = await startServer(join(dir, 'tne13.sqlite'));
  });

  afterAll(async () => {
    await server.close();
    removeTempDir(dir);
  });

  it('passes a push, a page and a refusal as the server sends them', async () => {
    const exchanges: Array<[string, string, RequestInit]> = [
      ['POST', '/api/v1/sync', { body: JSON.stringify(makeBatch([pushOf(makeClassroomFiche())])) }],
      ['GET', '/api/v1/changes?campaign=2026-2027', {}],
      ['GET', '/api/v1/changes', {}],
    ];
    const statuses = [];
    for (const [method, path, init] of exchanges) {
      const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
      const response = await fetch(`${server.url}${path}`, { method, headers, ...init });
      const text = await response.text();
      statuses.push(response.status);
      expect(() => checkResponse(method, response.url, response.status, response.headers, text)).not.toThrow();
    }
    expect(statuses).toEqual([200, 200, 400]);
  });
});

describe('checkingFetch', () => {
  // A server that answers what the real one never does: the only way to see the wrapped fetch refuse an answer.
  let wrong: Server;
  let url: string;

  beforeAll(async () => {
    wrong = createServer((request, response) => {
      if (request.url === '/api/v1/health') response.writeHead(200, JSON_TYPE).end(JSON.stringify({ status: 'ko' }));
      else if (request.url === '/api/v1/export.xlsx') response.writeHead(200, { 'content-type': 'text/html', etag: '"a"', 'content-disposition': 'attachment; filename="a.xlsx"' }).end('<p>export</p>');
      else response.writeHead(200, { 'content-type': 'text/plain' }).end('pas l’API');
    });
    await new Promise<void>((listening) => wrong.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(wrong.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((closed) => wrong.close(() => closed())));

  it('throws on an answer of the API the document does not describe, tells it, and leaves the body to the caller', async () => {
    const told: Error[] = [];
    const checked = checkingFetch(uncheckedFetch, (mismatch) => told.push(mismatch));
    await expect(checked(`${url}/api/v1/health`)).rejects.toThrow(/GET \/api\/v1\/health answered 200 .*\/status must be equal to constant/);
    await expect(checked(new URL(`${url}/api/v1/export.xlsx`), { method: 'GET' })).rejects.toThrow(/Content-Type text\/html not described/);
    expect(told).toHaveLength(2);

    // Other addresses go through unchecked.
    const other = await checked(`${url}/index.html`);
    expect(await other.text()).toBe('pas l’API');
  });

  it('is the fetch of every server test', () => {
    expect(globalThis.fetch).not.toBe(uncheckedFetch);
    expect(globalThis.fetch.name).toBe('checkedFetch');
  });
});
