// GET /api/v1/openapi.json's document (sync.md "Other endpoints"): an OpenAPI 3.1 description of every endpoint of the
// API, its parameters, bodies, answers and refusals, whose record schemas are converted from the validation's own
// (openapi-schemas.ts). A pure function of the year, since validation bounds years by the current one.
// tests/server/openapi.test.ts checks it against the OpenAPI 3.1 schema and against the routes the app registers; every
// answer the server tests receive is checked against it (tests/server/openapi-check.ts).
import { SHEET_SLUGS } from '../../src/export/sheet';
import { CSV_MIME } from '../../src/export/run-export';
import { XLSX_MIME } from '../../src/export/xlsx';
import { CHANGES_MAX_LIMIT, CHANGES_PAGE } from '../../src/model/sync-protocol';
import { BATCH_MAX_BYTES } from '../../src/model/sync-protocol';
import { SERVER_VERSION } from '../../src/model/referential-schema';
import { CURSOR, FILTER_MAX_LENGTH, FILTERS_MAX } from './changes-query';
import { REFERENTIAL_MAX_BYTES } from './referential-route';
import { FICHE_ID_MAX_LENGTH, FICHE_ID_PATTERN } from './history-route';
import { componentSchemas, refusal, REFUSALS, type RefusalName, type Schema } from './openapi-components';
import { ATTACHMENT_CACHE_CONTROL } from './attachments';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, SHA256_PATTERN } from '../../src/model/schema';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });

/** The refusals any request may get, whatever its address: the HTTP layer's, the failed authentications', the load's. */
const ANY_REQUEST: readonly RefusalName[] = ['BadRequest', 'RequestTimeout', 'ExpectationFailed', 'TooManyRequests', 'HeadersTooLarge', 'InternalError', 'Overloaded'];

/** `names`' refusals and those of any request, by status (JavaScript orders such keys by number). */
const refused = (...names: RefusalName[]) => Object.fromEntries([...ANY_REQUEST, ...names].map((name) => [STATUS_OF[name], { $ref: `#/components/responses/${name}` }]));

const STATUS_OF: Record<RefusalName, string> = {
  BadRequest: '400',
  Unauthorized: '401',
  Forbidden: '403',
  NotFound: '404',
  MethodNotAllowed: '405',
  RequestTimeout: '408',
  Conflict: '409',
  PayloadTooLarge: '413',
  UriTooLong: '414',
  UnsupportedMediaType: '415',
  ExpectationFailed: '417',
  TooManyRequests: '429',
  HeadersTooLarge: '431',
  InternalError: '500',
  Overloaded: '503',
};

const ETAG = { ETag: { description: 'Renvoyé dans If-None-Match, il vaut un 304 tant que rien ne change.', required: true, schema: { type: 'string', pattern: '^"[^"]*"$' } } };
const IF_NONE_MATCH = { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' }, description: "L'ETag d'une réponse précédente." };
const NOT_MODIFIED = { '304': { description: "Inchangé depuis l'ETag envoyé : pas de corps.", headers: ETAG } };
const CAMPAIGN_PATTERN = '^\\d{4}-\\d{4}$';
const NO_TOKEN: readonly object[] = [];

function exportOperation(head: boolean, format: 'xlsx' | 'csv') {
  const mime = format === 'xlsx' ? XLSX_MIME : CSV_MIME;
  const parameters = [
    {
      name: 'campaign',
      in: 'query',
      required: false,
      schema: { type: 'string', pattern: CAMPAIGN_PATTERN },
      description: "La campagne (2026-2027) ; par défaut l'année scolaire en cours, heure de Paris.",
    },
    ...(format === 'csv'
      ? [{ name: 'sheet', in: 'query', required: true, schema: { type: 'string', examples: [...SHEET_SLUGS] }, description: `La feuille : ${SHEET_SLUGS.join(', ')} (majuscules et accents ignorés).` }]
      : []),
    IF_NONE_MATCH,
  ];
  const headers = { ...ETAG, 'Content-Disposition': { description: 'attachment; filename="…"', required: true, schema: { type: 'string', pattern: '^attachment; filename=' } } };
  return {
    summary: head ? `En-têtes de l'export ${format.toUpperCase()}, sans le construire` : `Le tableau départemental en ${format.toUpperCase()}`,
    description: head
      ? "Les en-têtes qu'un GET donnerait (ETag, nom du fichier ; Content-Length quand le fichier est gardé), lus de la seule version des données : rien n'est construit."
      : "Sur la tête de chaque fiche de la campagne (export.md). Un export à la fois par processus ; un autre demandé entre-temps attend son tour ou reçoit un 503 avec Retry-After. Rôle lecteur ou admin.",
    parameters,
    responses: {
      '200': { description: head ? 'Les en-têtes du fichier.' : 'Le fichier.', headers, ...(head ? {} : { content: { [mime]: {} } }) },
      ...NOT_MODIFIED,
      ...refused('Unauthorized', 'Forbidden'),
    },
  };
}

/** PUT and GET of a photo (sync.md v2, attachments). */
function attachmentOperations(): Record<string, unknown> {
  const sha256 = {
    name: 'sha256',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: SHA256_PATTERN.source },
    description: "L'empreinte SHA-256 des octets de l'image, 64 caractères hexadécimaux en minuscules ; un autre nom est refusé (400 invalid_attachment_name).",
  };
  const images = Object.fromEntries(PHOTO_TYPES.map((type) => [type, {}]));
  const strongEtag = { ETag: { description: "L'empreinte entre guillemets : la photo ne change jamais sous ce nom.", required: true, schema: { type: 'string', pattern: '^"[0-9a-f]{64}"$' } } };
  const cacheControl = { 'Cache-Control': { description: 'Gardée par la tablette, pour elle seule.', required: true, schema: { const: ATTACHMENT_CACHE_CONTROL } } };
  const stored = (description: string) => ({ description, content: json(ref('Attachment')) });
  return {
    put: {
      summary: 'Envoyer une photo',
      description:
        "Rôle auditeur ou admin. Idempotent : 201 quand la photo est nouvelle, 200 quand elle est déjà gardée (une seule copie). Le corps doit être l'image déclarée par Content-Type (ses premiers octets le disent) et avoir pour empreinte SHA-256 le nom de l'adresse. Une tablette envoie chaque photo avant la fiche qui la cite : une fiche qui cite une photo non reçue est refusée (invalid, « photo non reçue »).",
      parameters: [sha256],
      requestBody: { required: true, description: `L'image, au plus ${PHOTO_MAX_BYTES} octets (2 Mio).`, content: images },
      responses: {
        '200': stored('Déjà gardée : rien ne change.'),
        '201': stored('Gardée.'),
        ...refused('Unauthorized', 'Forbidden', 'UriTooLong'),
        '400': refusal(
          "Nom qui n'est pas une empreinte SHA-256 (invalid_attachment_name), image qui n'est pas du type déclaré ou dont l'empreinte n'est pas le nom (invalid_attachment) ; ou requête invalide.",
        ),
        '413': refusal('Photo de plus de 2 Mio (payload_too_large).'),
        '415': refusal("Content-Type autre que image/jpeg ou image/webp (unsupported_media_type)."),
      },
    },
    get: {
      summary: 'Recevoir une photo',
      description: "Tout rôle. L'image telle qu'elle a été envoyée ; un If-None-Match de son ETag vaut un 304.",
      parameters: [sha256, IF_NONE_MATCH],
      responses: {
        '200': { description: "L'image.", headers: { ...strongEtag, ...cacheControl }, content: images },
        '304': { description: "Inchangée (elle l'est toujours) : pas de corps.", headers: { ...strongEtag, ...cacheControl } },
        ...refused('Unauthorized', 'NotFound', 'UriTooLong'),
      },
    },
  };
}

function paths(): Record<string, Record<string, unknown>> {
  return {
    '/api/v1/health': {
      get: {
        summary: 'Le serveur peut-il ranger des fiches ?',
        description: "ok seulement quand la base de données répond et accepte une écriture (sondée au plus une fois par seconde). Sans jeton.",
        security: NO_TOKEN,
        responses: { '200': { description: 'Prêt.', content: json(ref('Health')) }, ...refused() },
      },
    },
    '/api/v1/schools': {
      get: {
        summary: "L'annuaire des écoles",
        description: 'Toutes les écoles, fermées comprises, par UAI. Sans jeton : des données publiques.',
        security: NO_TOKEN,
        parameters: [IF_NONE_MATCH],
        responses: {
          '200': { description: "L'annuaire.", headers: ETAG, content: json({ type: 'array', items: ref('DirectorySchool') }) },
          ...NOT_MODIFIED,
          ...refused(),
        },
      },
    },
    '/api/v1/referential': {
      get: {
        summary: 'Le référentiel en vigueur',
        description:
          "Tout rôle. Le dernier référentiel publié, sinon celui d'origine du serveur pour son département. Les tablettes calculent avec lui ; une modification faite sur une tablette n'y est qu'une simulation. L'ETag est l'empreinte du corps : toute instance du serveur donne la même.",
        parameters: [IF_NONE_MATCH],
        responses: {
          '200': { description: 'Le référentiel.', headers: ETAG, content: json(ref('Referential')) },
          ...NOT_MODIFIED,
          ...refused('Unauthorized'),
        },
      },
      put: {
        summary: 'Publier un référentiel',
        description:
          "Rôle admin. Le corps est validé avec les bornes des Paramètres de la tablette ; règles et libellés viennent du code. Le serveur numérote la version à la suite des versions publiées (2026.1, puis 2026.2) sauf si ?version= en donne une. Une version publiée ne change plus : une correction est une nouvelle version. Aussi : npm run referential -- publish fichier.json.",
        parameters: [
          { name: 'version', in: 'query', required: false, schema: { type: 'string', pattern: SERVER_VERSION.source }, description: 'La version à donner (2026.2) ; absente : la suivante.' },
        ],
        requestBody: { required: true, description: `Au plus ${REFERENTIAL_MAX_BYTES / 1024} Kio.`, content: json(ref('ReferentialBody')) },
        responses: {
          '201': { description: 'Publié : le référentiel tel que les tablettes le recevront.', headers: ETAG, content: json(ref('Referential')) },
          ...refused('Unauthorized', 'Forbidden', 'Conflict', 'PayloadTooLarge', 'UnsupportedMediaType'),
          // After the refusals of any request: this 400 also says why a référentiel is refused.
          '400': { description: 'Référentiel refusé (invalid_referential), chaque champ nommé ; ou requête invalide.', content: json({ anyOf: [ref('ReferentialRefusal'), ref('Error')] }) },
        },
      },
    },
    '/api/v1/sync': {
      post: {
        summary: 'Envoyer des fiches (push)',
        description: 'Rôle auditeur ou admin. Chaque fiche est validée avec les règles de la tablette, puis jugée sur la tête (sync.md, « Push »). Le lot est rangé en une transaction.',
        requestBody: { required: true, description: `Au plus ${BATCH_MAX_BYTES} octets (1 Mio).`, content: json(ref('SyncRequest')) },
        responses: {
          '200': { description: 'Un résultat par fiche, dans leur ordre.', content: json(ref('SyncResponse')) },
          ...refused('Unauthorized', 'Forbidden', 'PayloadTooLarge', 'UnsupportedMediaType'),
        },
      },
    },
    '/api/v1/changes': {
      get: {
        summary: 'Recevoir les fiches changées (pull)',
        description:
          "Tout rôle. La tête de chaque fiche de la campagne changée après le curseur, par seq. Les filtres d'une requête s'additionnent (une école listée ou une circonscription listée). Une campagne que le serveur n'accepte pas donne des pages vides.",
        parameters: [
          { name: 'campaign', in: 'query', required: true, schema: { type: 'string', pattern: CAMPAIGN_PATTERN }, description: 'La campagne, par exemple 2026-2027.' },
          { name: 'since', in: 'query', required: false, schema: { type: 'string', pattern: CURSOR.source }, description: 'Le curseur de la réponse précédente ; absent : depuis le début.' },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: CHANGES_MAX_LIMIT, default: CHANGES_PAGE } },
          ...(['circonscription', 'uai'] as const).map((name) => ({
            name,
            in: 'query',
            required: false,
            style: 'form',
            explode: true,
            schema: { type: 'array', maxItems: FILTERS_MAX, items: { type: 'string', maxLength: FILTER_MAX_LENGTH } },
            description: name === 'uai' ? "Répétable : les fiches de ces écoles." : "Répétable : les fiches des écoles de ces circonscriptions (libellé exact de l'annuaire).",
          })),
        ],
        responses: {
          '200': { description: 'Une page de têtes.', content: json(ref('ChangesResponse')) },
          ...refused('Unauthorized'),
        },
      },
    },
    '/api/v1/export.xlsx': { get: exportOperation(false, 'xlsx'), head: exportOperation(true, 'xlsx') },
    '/api/v1/export.csv': { get: exportOperation(false, 'csv'), head: exportOperation(true, 'csv') },
    '/api/v1/fiches/{id}/history': {
      get: {
        summary: "L'historique d'une fiche",
        description:
          "Rôle lecteur ou admin. Toutes les révisions rangées de la fiche et les copies en conflit gardées à part, les plus anciennes d'abord. Une fiche jamais reçue, ou d'une campagne que le serveur n'accepte pas, est un 404.",
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: FICHE_ID_PATTERN, maxLength: FICHE_ID_MAX_LENGTH },
            description: "L'identifiant de la fiche : un UUID, ou ecole-<campagne>-<UAI>.",
          },
        ],
        responses: {
          '200': { description: "L'historique.", content: json(ref('FicheHistory')) },
          ...refused('Unauthorized', 'Forbidden', 'NotFound', 'UriTooLong'),
        },
      },
    },
    '/api/v1/attachments/{sha256}': attachmentOperations(),
    '/api/v1/openapi.json': {
      get: {
        summary: 'Cette description',
        description: "OpenAPI 3.1, sans jeton : elle décrit l'API, aucune donnée.",
        security: NO_TOKEN,
        parameters: [IF_NONE_MATCH],
        responses: {
          '200': { description: 'Le document.', headers: ETAG, content: json({ type: 'object' }) },
          ...NOT_MODIFIED,
          ...refused(),
        },
      },
    },
  };
}

const DESCRIPTION = [
  "Le serveur de référence du protocole de synchronisation v2 (sync.md) : les tablettes envoient leurs fiches et reçoivent celles des autres, en JSON sur HTTPS.",
  "Toute réponse d'erreur est { error, message }, le message en français. Une méthode qu'une adresse ne prend pas reçoit un 405 avec Allow",
  '(components.responses.MethodNotAllowed), une adresse que ce document ne décrit pas un 404 (NotFound) ; les refus que toute requête peut recevoir',
  "(requête mal formée, en-têtes au-delà de 10 s ou corps au-delà de 30 s : 408, en-têtes trop gros : 431, Expect inconnu : 417, authentifications échouées : 429, surcharge : 503, erreur du serveur : 500) sont décrits à chaque opération.",
  "Les longueurs de texte se comptent en caractères tels qu'un lecteur les voit (graphèmes) : JSON Schema ne sait pas le dire, les descriptions le disent.",
].join(' ');

/** The OpenAPI 3.1 document of the API, with records valid in `currentYear`. */
export function openApiDocument(currentYear: number): Record<string, unknown> {
  return {
    openapi: '3.1.1',
    info: { title: 'TNE 13 – serveur de synchronisation', version: '2', description: DESCRIPTION },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearerAuth: [] }],
    paths: paths(),
    components: {
      schemas: componentSchemas(currentYear),
      responses: REFUSALS,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'Le jeton donné par `npm run token -- create` (rôle auditeur, lecteur ou admin).' },
      },
    },
  };
}
