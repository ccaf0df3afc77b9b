// The reusable parts of the OpenAPI description (openapi.ts): the answers' schemas, written here from the types the
// routes answer with (src/model/sync-protocol.ts, store.ts), the records' converted from the validation's own schemas
// (openapi-schemas.ts), and the whole-request refusals of sync.md "Whole-request answers" with their headers.
import type { DirectorySource, EducationPrioritaire } from '../../src/model/school';
import { CHEF_DE_FILE_ID } from '../../src/territory/territory';
import { SYNC_PROTOCOL, BATCH_MAX_RECORDS, type SyncStatus } from '../../src/model/sync-protocol';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, SHA256_PATTERN } from '../../src/model/schema';
import { ID_MAX_LENGTH } from './envelope';
import { recordSchemas, referentialSchemas } from './openapi-schemas';

/** A JSON Schema as this file writes it: plain data, checked by the test that validates the whole document. */
export type Schema = Readonly<Record<string, unknown>>;

/** Every value of the union `T`, once: a value added to the type and not here does not compile. */
const everyOf =
  <T extends string | null>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)): A =>
    values;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const integer = (minimum = 0) => ({ type: 'integer', minimum });
const object = (properties: Record<string, Schema>, required = Object.keys(properties), extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
  ...extra,
});
const text = (description: string): Schema => ({ type: 'string', description });
const listOf = (items: Schema): Schema => ({ type: 'array', items });
/** A record a v1 server kept: shown as it was received, whatever the schema of today says. */
const orAsKeptByV1 = (name: string): Schema => ({
  anyOf: [ref(name), { type: 'object', description: "Reçue par un serveur d'avant le protocole 2 : gardée telle qu'elle est arrivée." }],
});

const STATUSES = everyOf<SyncStatus>()(['stored', 'duplicate', 'conflict', 'invalid', 'forbidden']);

function answerSchemas(): Record<string, Schema> {
  const serverTime = { type: 'string', format: 'date-time', description: "Date et heure ISO 8601 de l'horloge du serveur." };
  const sender = {
    deviceId: text("L'appareil qui l'a envoyée (deviceId de son lot)."),
    tokenOwner: text("Le titulaire du jeton qui l'a envoyée."),
    receivedAt: { ...serverTime, description: "Son heure d'arrivée, horloge du serveur (ISO 8601)." },
  };
  return {
    Error: object(
      {
        error: { type: 'string', pattern: '^[a-z]+(_[a-z]+)*$', description: 'Code stable, pour les programmes (invalid_request, unauthorized, forbidden…).' },
        message: { type: 'string', minLength: 1, description: 'Une phrase en français, à montrer telle quelle.' },
      },
      ['error', 'message'],
      { description: 'Refus de toute la requête (sync.md, « Whole-request answers »).' },
    ),
    Health: object({ status: { const: 'ok' } }),
    Attachment: object(
      {
        sha256: { type: 'string', pattern: SHA256_PATTERN.source, description: "L'empreinte SHA-256 de l'image, son nom." },
        type: { enum: [...PHOTO_TYPES] },
        bytes: { type: 'integer', minimum: 1, maximum: PHOTO_MAX_BYTES, description: 'Sa taille en octets : celle que la fiche doit indiquer.' },
      },
      undefined,
      { description: 'Une photo que le serveur garde.' },
    ),
    ReferentialRefusal: object(
      {
        error: { const: 'invalid_referential' },
        message: text("Une phrase en français : rien n'est publié, et chaque champ refusé avec pourquoi."),
        errors: { ...listOf(ref('FieldError')), minItems: 1, maxItems: 20, description: 'Les champs refusés (au plus 20), chacun nommé dans son message.' },
      },
      undefined,
      { description: 'Un référentiel refusé (PUT /api/v1/referential).' },
    ),
    FieldError: object({ path: text('Le champ, en notation pointée (data.computer.year) ; vide pour la fiche entière.'), message: text('En français, nomme le champ.') }),
    SyncRequest: object(
      {
        protocol: { const: SYNC_PROTOCOL, description: "Toute autre valeur est refusée (400 unsupported_protocol) : l'application doit être mise à jour." },
        deviceId: { type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH, description: "L'identifiant de l'appareil, non vide (pas seulement des espaces)." },
        batchId: { type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH, description: 'L’identifiant du lot, renvoyé dans la réponse ; un lot renvoyé à l’identique ne change rien (idempotence).' },
        records: {
          type: 'array',
          minItems: 1,
          maxItems: BATCH_MAX_RECORDS,
          items: ref('PushRecord'),
          description: `De 1 à ${BATCH_MAX_RECORDS} fiches (au-delà : 413). Une fiche qui ne suit pas le schéma n'est pas un refus de la requête : son résultat est invalid.`,
        },
      },
      ['protocol', 'deviceId', 'batchId', 'records'],
      { additionalProperties: true, description: "L'enveloppe d'un envoi ; un champ de plus y est ignoré." },
    ),
    SyncResult: {
      type: 'object',
      required: ['id', 'status'],
      properties: { id: text("L'identifiant de la fiche envoyée (vide s'il n'en était pas un)."), status: { enum: STATUSES } },
      oneOf: [
        object({ id: { type: 'string' }, status: { enum: ['stored', 'duplicate'] }, rev: integer(1), seq: integer(1) }, undefined, {
          description: 'stored : rangée comme la révision rev ; duplicate : ce même contenu avait déjà reçu rev. Dans les deux cas, la tablette peut oublier son envoi.',
        }),
        object({ id: { type: 'string' }, status: { const: 'conflict' }, head: ref('Head') }, undefined, {
          description: "La tête n'est plus baseRev : rien n'est rangé, la copie envoyée est gardée à part ; la tablette fusionne avec head et renvoie.",
        }),
        object({ id: { type: 'string' }, status: { enum: ['invalid', 'forbidden'] }, errors: { ...listOf(ref('FieldError')), minItems: 1, maxItems: 5 } }, undefined, {
          description: 'invalid : refusée, au plus 5 erreurs ; forbidden : hors du territoire du serveur (département ou campagne).',
        }),
      ],
    },
    SyncResponse: object({ batchId: { type: 'string' }, serverTime, results: { ...listOf(ref('SyncResult')), description: 'Un résultat par fiche envoyée, dans leur ordre.' } }),
    Head: object(
      {
        rev: integer(1),
        seq: integer(1),
        record: ref('Fiche'),
        origin: text("L'appareil qui a fait la fiche (l'expéditeur de sa première révision)."),
      },
      ['rev', 'seq', 'record'],
      { description: "La tête d'une fiche : sa dernière révision rangée." },
    ),
    ChangesResponse: object({
      changes: listOf(ref('Head')),
      cursor: { type: 'string', description: 'Opaque : à renvoyer tel quel dans since.' },
      more: { type: 'boolean', description: 'Vrai quand la page est pleine : redemander aussitôt.' },
    }),
    StoredRevision: object({ rev: integer(1), seq: integer(1), ...sender, record: orAsKeptByV1('Fiche') }),
    KeptConflict: object({
      headRev: { ...integer(1), description: "Le rev de la tête quand la copie est arrivée." },
      baseRev: { anyOf: [integer(0), { type: 'null' }], description: "Le rev sur lequel elle a été faite ; null pour une copie gardée par un serveur d'avant le protocole 2." },
      ...sender,
      record: orAsKeptByV1('PushRecord'),
    }),
    FicheHistory: object({
      id: { type: 'string' },
      revisions: { ...listOf(ref('StoredRevision')), minItems: 1, description: 'Toutes ses révisions rangées, par seq (ordre d’arrivée).' },
      conflicts: { ...listOf(ref('KeptConflict')), description: 'Les copies en conflit gardées à part, dans leur ordre d’arrivée.' },
    }),
    DirectorySchool: directorySchoolSchema(),
  };
}

/** The directory's schools as GET /api/v1/schools answers them (src/model/school.ts, no valibot schema: it is imported, not sent). */
function directorySchoolSchema(): Schema {
  const count = { anyOf: [integer(0), { type: 'null' }] };
  const properties = {
    uai: { type: 'string', pattern: '^\\d{7}[A-Z]$' },
    name: { type: 'string' },
    commune: { type: 'string' },
    communeCode: text('Code INSEE de la commune.'),
    circonscription: { type: 'string' },
    educationPrioritaire: { enum: everyOf<EducationPrioritaire | null>()(['REP+', 'REP', null]) },
    chefDeFile: {
      type: 'string',
      pattern: CHEF_DE_FILE_ID.source,
      description: 'Identifiant du chef de file, selon la configuration du territoire du serveur (par exemple cd94 : Conseil départemental du Val-de-Marne).',
    },
    maternelle: { type: 'boolean' },
    elementaire: { type: 'boolean' },
    classes: count,
    pupils: count,
    ips: { anyOf: [{ type: 'number' }, { type: 'null' }] },
    open: { type: 'boolean' },
    source: { enum: everyOf<DirectorySource>()(['demo', 'generated', 'annuaire']) },
    leftDirectory: {
      type: 'boolean',
      description: 'Présent et vrai quand le dernier import de l’annuaire ne la liste plus (elle est gardée : des fiches peuvent en dépendre).',
    },
  };
  const { leftDirectory: _optional, ...required } = properties;
  return object(properties, Object.keys(required));
}

export function componentSchemas(currentYear: number): Record<string, Schema> {
  const { PushRecord, Fiche, Author } = recordSchemas(currentYear);
  const { Referential, ReferentialBody } = referentialSchemas();
  return { PushRecord: { ...PushRecord }, Fiche: { ...Fiche }, Author: { ...Author }, Referential: { ...Referential }, ReferentialBody: { ...ReferentialBody }, ...answerSchemas() };
}

const retryAfter = { description: 'Secondes à attendre avant de réessayer.', required: true, schema: { type: 'integer', minimum: 1 } };
const errorBody = { 'application/json': { schema: ref('Error') } };
/** A refusal `{ error, message }` with `headers`: the components below, and an operation's own wording of one. */
export const refusal = (description: string, headers: Record<string, unknown> = {}) => ({ description, headers, content: errorBody });

/**
 * The whole-request refusals (sync.md "Whole-request answers"), by name. MethodNotAllowed answers any method an
 * address does not take, and NotFound any address the document does not describe: no operation lists them, since
 * OpenAPI describes an address's methods only.
 */
export const REFUSALS = {
  BadRequest: refusal(
    'Requête invalide (invalid_request, invalid_json, invalid_url, unsupported_protocol, empty_batch…) ; à toute adresse, une requête HTTP mal formée (invalid_request) ou une adresse mal encodée (invalid_url).',
  ),
  Unauthorized: refusal('Jeton manquant, inconnu, révoqué ou expiré (unauthorized).', {
    'WWW-Authenticate': { description: 'Bearer', required: true, schema: { const: 'Bearer' } },
  }),
  Forbidden: refusal('Le rôle du jeton ne permet pas cette action (forbidden) ; le message dit quel jeton demander.'),
  NotFound: refusal('Inconnu du serveur (not_found), une adresse que ce document ne décrit pas comprise.'),
  MethodNotAllowed: refusal(
    "Une méthode qu'une adresse de l'API ne prend pas (method_not_allowed), refusée avant que le corps ne soit lu. OPTIONS n'en est pas une : c'est le préalable CORS.",
    { Allow: { description: 'Les méthodes que l’adresse prend, par exemple « GET, HEAD ».', required: true, schema: { type: 'string', pattern: '^[A-Z]+(, [A-Z]+)*$' } } },
  ),
  RequestTimeout: refusal('En-têtes non reçus dans les 10 s ou corps dans les 30 s de la connexion (request_timeout) : la connexion est fermée.'),
  Conflict: refusal('Cette version du référentiel est déjà publiée (version_taken) : une version publiée ne change plus.'),
  UriTooLong: refusal("Adresse trop longue, ou un de ses segments dépasse 100 caractères (invalid_url)."),
  PayloadTooLarge: refusal('Plus de 500 fiches ou de 1 Mio (too_many_records, payload_too_large) : la tablette coupe le lot en deux et renvoie.'),
  UnsupportedMediaType: refusal("Le corps n'est pas déclaré application/json (unsupported_media_type)."),
  ExpectationFailed: refusal('Un en-tête Expect autre que « 100-continue » (expectation_failed).'),
  TooManyRequests: refusal("Plus de 20 authentifications échouées dans la minute depuis cette adresse : toute requête d'elle est refusée jusqu'à la fin de la minute (too_many_failed_authentications).", {
    'Retry-After': retryAfter,
  }),
  HeadersTooLarge: refusal('En-têtes de la requête trop volumineux (headers_too_large) : la connexion est fermée.'),
  InternalError: refusal(
    "Erreur du serveur (internal_error) : la tablette réessaie plus tard. Pour un export, export_failed : il n'a pas pu être préparé, prévenir l'administrateur du serveur.",
  ),
  Overloaded: refusal('Serveur surchargé (overloaded), ou base de données indisponible pour /health (storage_unavailable).', { 'Retry-After': retryAfter }),
} as const;

export type RefusalName = keyof typeof REFUSALS;
