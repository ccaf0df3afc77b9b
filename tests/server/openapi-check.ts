// Every answer of the API held against its OpenAPI document (server/src/openapi.ts), built here by the function the
// route serves it from: the status must be one the operation describes, the content type one it gives for that status,
// the headers it says are required present and valid, and a JSON body valid by its schema, compiled by ajv (JSON
// Schema 2020-12, OpenAPI 3.1's dialect, formats checked). tests/server/setup-openapi.ts holds every answer the server
// tests receive through fetch to it; a mismatch is a defect of the document or of the server.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../server/src/openapi';

type Schema = Record<string, unknown>;

interface MediaType {
  schema?: Schema;
}

interface Header {
  required?: boolean;
  schema?: Schema;
}

interface Response {
  $ref?: string;
  description?: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}

interface Operation {
  responses: Record<string, Response>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Response> };
}

/** An answer's headers as fetch (Headers) or node:http (a record) gives them. */
export type AnswerHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** What the document says an answer may be: the operation it is checked as, and its responses by status. */
interface Described {
  operation: string;
  responses: Record<string, Response>;
}

const API_PREFIX = '/api/v1/';
/** A path item's keys that are operations (it also holds `parameters`, `summary`…). */
const OPERATION_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'];

/** `application/json; charset=utf-8` → `application/json`. */
const essenceOf = (contentType: string) => (contentType.split(';')[0] ?? '').trim().toLowerCase();
const isJson = (essence: string) => essence === 'application/json' || essence.endsWith('+json');

function headerOf(headers: AnswerHeaders, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.join(', ');
}

/** `/api/v1/fiches/{id}/history` → a regex of the raw (still percent-encoded) path. */
function templateRegex(template: string): RegExp {
  const literal = template.split(/\{[^}]+\}/).map((part) => part.replaceAll(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('[^/]+')}$`);
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  const listed = (errors ?? []).slice(0, 8).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  const more = (errors?.length ?? 0) - listed.length;
  return listed.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** Checks answers against `document`. */
export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ allErrors: true, strictTypes: false });
  /** Header values are text: a header described as an integer is read as one. */
  private readonly headerAjv = new Ajv2020({ allErrors: true, strictTypes: false, coerceTypes: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: Array<[string, RegExp]>;
  /** The statuses every operation describes, with their responses: the refusals any request may get. */
  private readonly anyRequest: Record<string, Response>;

  constructor(private readonly document: Document) {
    addFormats(this.ajv);
    this.templates = Object.keys(document.paths).map((template) => [template, templateRegex(template)]);
    const operationsOf = (item: Record<string, Operation>) => OPERATION_METHODS.flatMap((method) => item[method] ?? []);
    const operations = Object.values(document.paths).flatMap(operationsOf);
    // A status every operation describes, by one shared component wherever it refers to one: an operation may describe
    // more under it (PUT /referential's 400 also names each field of a refused référentiel).
    const shared = (status: string): Response | undefined => {
      if (!operations.every((operation) => operation.responses[status] !== undefined)) return undefined;
      const refs = new Set(operations.flatMap((operation) => operation.responses[status]?.$ref ?? []));
      const [ref] = refs;
      return refs.size === 1 ? { $ref: ref } : undefined;
    };
    const statuses = Object.keys(operations[0]?.responses ?? {});
    this.anyRequest = Object.fromEntries(statuses.flatMap((status) => {
      const response = shared(status);
      return response === undefined ? [] : [[status, response]];
    }));
  }

  /**
   * Throws, naming the operation, the status and what is wrong, when `body` (the answer's text; undefined when it was
   * not read, as a workbook's) or the status, content type or headers are not what the document describes for
   * `method url`.
   */
  check(method: string, url: string, status: number, headers: AnswerHeaders, body: string | undefined): void {
    const verb = method.toUpperCase();
    const path = new URL(url, 'http://127.0.0.1').pathname;
    if (!isApiAddress(url)) throw new Error(`${verb} ${path}: not an address of the API`);
    // A CORS preflight is answered by @fastify/cors, before and outside the API the document describes.
    if (verb === 'OPTIONS') return;
    const { operation, responses } = this.described(verb, path);
    const fail = (problem: string): never => {
      throw new Error(`OpenAPI: ${operation} answered ${status} to ${verb} ${url}: ${problem}${body === undefined ? '' : `\nbody: ${body.slice(0, 300)}`}`);
    };

    const listed = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (listed === undefined) return fail(`status ${status} not described (described: ${Object.keys(responses).join(', ')})`);
    const response = this.resolve(listed);

    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = headerOf(headers, name);
      if (value === null) {
        if (header.required === true) fail(`required header ${name} missing`);
        continue;
      }
      if (header.schema === undefined) continue;
      const valid = this.compile(this.headerAjv, `header ${JSON.stringify(header.schema)}`, header.schema);
      if (!valid(value)) fail(`header ${name}: ${JSON.stringify(value)} ${describeErrors(valid.errors)}`);
    }

    // HEAD, 204 and 304 answer no body, whatever a GET's would be.
    if (verb === 'HEAD' || status === 204 || status === 304) return;
    const contentType = headerOf(headers, 'content-type');
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) {
      if ((body ?? '') !== '') fail(`a body (${contentType}) where none is described`);
      return;
    }
    if (contentType === null) return fail(`no Content-Type (described: ${Object.keys(content).join(', ')})`);
    const essence = essenceOf(contentType);
    const mediaType = Object.entries(content).find(([described]) => essenceOf(described) === essence);
    if (mediaType === undefined) return fail(`Content-Type ${contentType} not described (described: ${Object.keys(content).join(', ')})`);
    const [described, { schema }] = mediaType;
    if (!isJson(essence) || body === undefined || schema === undefined) return;

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return fail('a body that is not JSON');
    }
    const validate = this.compile(this.ajv, `${operation} ${status} ${described}`, schema);
    if (!validate(parsed)) fail(`body does not match its schema: ${describeErrors(validate.errors)}`);
  }

  /** The operation `verb path` is answered as, and its responses. */
  private described(verb: string, path: string): Described {
    const template = this.templates.find(([, regex]) => regex.test(path))?.[0];
    if (template === undefined) {
      return { operation: `${verb} ${path} (an address not described)`, responses: { ...this.anyRequest, '404': this.component('NotFound') } };
    }
    const item = this.document.paths[template] ?? {};
    // Fastify answers HEAD for every GET: described with the GET unless it is described itself.
    const operation = item[verb.toLowerCase()] ?? (verb === 'HEAD' ? item.get : undefined);
    if (operation === undefined || !OPERATION_METHODS.includes(verb.toLowerCase())) {
      return { operation: `${verb} ${template} (a method not described)`, responses: { ...this.anyRequest, '405': this.component('MethodNotAllowed') } };
    }
    return { operation: `${verb} ${template}`, responses: operation.responses };
  }

  private component(name: string): Response {
    const response = this.document.components.responses[name];
    if (response === undefined) throw new Error(`OpenAPI: components.responses.${name} not described`);
    return response;
  }

  private resolve(response: Response): Response {
    if (response.$ref === undefined) return response;
    const prefix = '#/components/responses/';
    if (!response.$ref.startsWith(prefix)) throw new Error(`OpenAPI: unexpected reference ${response.$ref}`);
    return this.component(response.$ref.slice(prefix.length));
  }

  /** Compiled once; the document's schemas become `$defs` of each, so that ajv resolves their references. */
  private compile(ajv: Ajv2020, key: string, schema: Schema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const asDefs = (value: object) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/')) as Schema;
      validate = ajv.compile({ ...asDefs(schema), $defs: asDefs(this.document.components.schemas) });
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

let checker: OpenApiChecker | null = null;

/**
 * Checks an answer of the API against the document the server serves this year (validation bounds years by the
 * current one); see OpenApiChecker.check.
 */
export function checkResponse(method: string, url: string, status: number, headers: AnswerHeaders, body: string | undefined): void {
  checker ??= new OpenApiChecker(openApiDocument(new Date().getUTCFullYear()) as unknown as Document);
  checker.check(method, url, status, headers, body);
}

/** Whether `url` is an address of the API, whose answers the document describes. */
export function isApiAddress(url: string): boolean {
  return new URL(url, 'http://127.0.0.1').pathname.startsWith(API_PREFIX);
}

type Fetch = typeof fetch;

/** Node's own fetch, taken when this module is first imported: before setup-openapi.ts wraps the global one. */
export const uncheckedFetch: Fetch = globalThis.fetch;

function urlOf(input: Parameters<Fetch>[0]): string {
  if (input instanceof Request) return input.url;
  return input instanceof URL ? input.href : input;
}

/**
 * `fetchImpl`, with every answer to an address of the API checked (checkResponse) before it is handed over: a
 * mismatch is told to `onMismatch`, then thrown.
 */
export function checkingFetch(fetchImpl: Fetch, onMismatch: (mismatch: Error) => void = () => {}): Fetch {
  return async function checkedFetch(input, init) {
    const response = await fetchImpl(input, init);
    const url = urlOf(input);
    if (!isApiAddress(url)) return response;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    // A JSON body is read from a copy, the caller reading the answer itself; a workbook is only checked for its status
    // and content type. A connection that fails mid-body leaves no body to check: the caller's own read fails the same.
    const contentType = response.headers.get('content-type');
    let body: string | undefined;
    if (method.toUpperCase() !== 'HEAD' && contentType !== null && isJson(essenceOf(contentType))) {
      body = await response
        .clone()
        .text()
        .catch(() => undefined);
    }
    try {
      checkResponse(method, url, response.status, response.headers, body);
    } catch (error) {
      onMismatch(error as Error);
      throw error;
    }
    return response;
  };
}
