// A whole référentiel as the Département publishes it on its server and devices receive it (sync.md "Other
// endpoints"): PUT /api/v1/referential, `npm run referential -- publish`, the OpenAPI description and the tablet's
// sync read it with this one schema. Each part is bounded as "Paramètres" bounds it (referential-settings.ts). The
// rules, their wording and the assumptions come from the code, as migrateReferential does for a stored one: a field
// the schema does not name (rules, a price's label) is dropped, never an error, so that a référentiel printed by
// `npm run referential -- show` can be edited and published as it is.
import * as v from 'valibot';
import { documented } from './fields';
import { DEFAULT_PRICES, migrateReferential, REFERENTIAL_V1, type Referential } from './referential';
import { fundingSchema, paramsSchema, priceEntries, priorityWeightsSchema, settingLabel, targetsSchema } from './referential-settings';
import type { FieldError } from './types';
import { excerpt } from './text';
import { CHEF_DE_FILE_ID } from '../territory/territory';

/** A version the server gives: `<year>.<n>` ("2026.2"). A device's simulation adds `-local.<n>`, which this refuses. */
export const SERVER_VERSION = /^(\d{4})\.([1-9]\d{0,3})$/;

const ITEM_IDS = DEFAULT_PRICES.map((price) => price.item);

const priceSchema = v.object({
  item: v.picklist(ITEM_IDS, (issue) => `article inconnu${typeof issue.input === 'string' ? ` (saisi : ${excerpt(issue.input)})` : ''} : ${ITEM_IDS.join(', ')}`),
  ...priceEntries,
});

const pricesSchema = v.pipe(
  v.array(priceSchema, 'liste des prix attendue'),
  v.maxLength(ITEM_IDS.length, `au plus ${ITEM_IDS.length} prix, un par article`),
  v.check((prices) => new Set(prices.map((price) => price.item)).size === prices.length, 'un article y a deux prix'),
  documented(`Un prix par article au plus ; un article sans prix garde celui du référentiel d'origine. Articles : ${ITEM_IDS.join(', ')}.`),
);

/**
 * What the Département sets: parameters, prices, funding rule, targets, priority weights. The one object a part added
 * to the référentiel is added to (its reading on both sides and its OpenAPI description follow).
 */
export const publishedReferentialSchema = v.object({
  params: paramsSchema,
  prices: pricesSchema,
  funding: fundingSchema,
  targets: targetsSchema,
  priorityWeights: priorityWeightsSchema,
});

export const versionSchema = v.pipe(
  v.string('texte attendu'),
  v.regex(SERVER_VERSION, (issue) => `attendue sous la forme 2026.2 (année, point, numéro)${typeof issue.input === 'string' ? ` (saisi : ${excerpt(issue.input)})` : ''}`),
);

const label = v.pipe(v.string('texte attendu'), v.minLength(1, 'ce champ est obligatoire'));

/**
 * The territory a served référentiel carries (src/territory/territory.ts): the server's configuration, never
 * published with the rest, which the device takes as it is (who pays for which school, its département's name).
 */
const territorySchema = v.object({
  departement: label,
  name: label,
  nameWithArticle: label,
  chefsDeFile: v.pipe(
    v.array(v.object({ id: v.pipe(v.string(), v.regex(CHEF_DE_FILE_ID, 'identifiant de chef de file invalide')), label, labelWithArticle: label, communes: v.array(v.string()) })),
    v.minLength(1, 'au moins un chef de file'),
  ),
});

/** The référentiel as GET /api/v1/referential answers it: what was published, with its version and the server's territory. */
export const servedReferentialSchema = v.object({ version: versionSchema, ...publishedReferentialSchema.entries, territory: territorySchema });

export type PublishedReferentialContent = v.InferOutput<typeof publishedReferentialSchema>;

export type ReferentialReading = { ok: true; referential: Referential } | { ok: false; errors: FieldError[] };

/** The path as it is written in the body ("params.maxAgeYears", "prices.2.unitPriceHt"); a key sent is quoted by its start. */
function dotPath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => (typeof item.key === 'string' ? excerpt(item.key) : String(item.key))).join('.');
}

/** "params.maxAgeYears (Âge maximal d'un ordinateur ou d'une flotte mobile (ans))"; a price by its article's name. */
function fieldName(path: string, input: unknown): string {
  if (path === 'version') return 'version (la version du référentiel)';
  const price = /^prices\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (price) {
    const sent = (input as { prices?: unknown[] } | null)?.prices?.[Number(price[1])] as { item?: unknown } | undefined;
    const article = DEFAULT_PRICES.find((p) => p.item === sent?.item)?.label ?? `article n° ${Number(price[1]) + 1}`;
    const field = price[2] === undefined || price[2] === 'item' ? 'Article' : settingLabel(price[2], { prices: [] });
    return `${path} (${field} – ${article})`;
  }
  const label = settingLabel(path, { prices: [] });
  return label === path ? path : `${path} (${label})`;
}

function errorsOf(issues: readonly v.BaseIssue<unknown>[], input: unknown): FieldError[] {
  return issues.map((issue) => {
    const path = dotPath(issue);
    if (path === '') return { path, message: 'Le référentiel doit être un objet JSON (params, prices, funding, targets, priorityWeights).' };
    const missing = issue.kind === 'schema' && issue.input === undefined;
    return { path, message: `${fieldName(path, input)} : ${missing ? 'ce champ manque' : issue.message}.` };
  });
}

/**
 * A référentiel sent to be published, as it will be in force under `version`: every error names its field in French;
 * rules, wording and assumptions from the code, an article it does not price at its default price, the territory the
 * server's (`serverDefault`).
 */
export function readPublishedReferential(input: unknown, version: string, serverDefault: Referential = REFERENTIAL_V1): ReferentialReading {
  const result = v.safeParse(publishedReferentialSchema, input);
  if (!result.success) return { ok: false, errors: errorsOf(result.issues, input) };
  // The territory (and what the body leaves out) is the server's default's: the server's configuration, not the body's.
  return { ok: true, referential: migrateReferential({ ...(result.output as unknown as Partial<Referential>), version }, serverDefault) };
}

/** A référentiel a server answered (GET /api/v1/referential), read as a published one. */
export function readServedReferential(input: unknown): ReferentialReading {
  const result = v.safeParse(servedReferentialSchema, input);
  if (!result.success) return { ok: false, errors: errorsOf(result.issues, input) };
  return { ok: true, referential: migrateReferential(result.output as unknown as Partial<Referential>) };
}
