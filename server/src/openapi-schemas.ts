// The record schemas the server validates with (src/model/schema.ts), as JSON Schema 2020-12, OpenAPI 3.1's dialect,
// by @valibot/to-json-schema. Types, strict objects, enumerations, number and list bounds and regexes convert as they
// are. The rules valibot checks in code (trimming, lengths in graphemes, a UAI's check letter, a school fiche's derived
// id, a fleet's counts) carry their French description and the keywords JSON Schema can state of them in the model's
// own `documented` metadata; they are passed over here by name. Any other rule the converter cannot read stops the
// build, so that a rule added later cannot go undescribed silently.
import { toJsonSchemaDefs, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { frenchNumber } from '../../src/model/french-number';
import { RECORD_MAX_BYTES, RECORD_MAX_DEPTH, RECORD_MAX_VALUES } from '../../src/model/record-bounds';
import { publishedReferentialSchema, servedReferentialSchema } from '../../src/model/referential-schema';
import { authorSchema, ficheSchema, pushRecordSchema } from '../../src/model/schema';

/** Checks written in code, each described by the `documented` metadata that follows it in its pipe. */
const DESCRIBED_IN_THE_MODEL = new Set(['check', 'partial_check', 'raw_check', 'transform']);

type Action = Parameters<NonNullable<ConversionConfig['overrideAction']>>[0]['valibotAction'];

function requirementOf(action: Action): RegExp {
  return (action as unknown as { requirement: RegExp }).requirement;
}

/** A JSON Schema pattern for valibot's UUID regex, written lower-case with the `i` flag that JSON Schema lacks. */
function uuidPattern(regex: RegExp): string {
  if (regex.flags.replace('u', '') !== 'i' || /[A-Z]/.test(regex.source)) throw new Error(`UUID regex of valibot changed: /${regex.source}/${regex.flags}`);
  return regex.source.replaceAll('a-f', 'a-fA-F');
}

function overrideAction({ valibotAction, jsonSchema, errors }: Parameters<NonNullable<ConversionConfig['overrideAction']>>[0]): JsonSchema | undefined {
  switch (valibotAction.type) {
    // JSON Schema's date-time and date formats refuse what valibot accepts (2026-02-31, an offset +0100): its own
    // regex says exactly what is accepted.
    case 'iso_timestamp':
    case 'iso_date': {
      const { format: _format, ...rest } = jsonSchema;
      return { ...rest, pattern: requirementOf(valibotAction).source };
    }
    // The `uuid` format alone would also accept a `urn:uuid:` prefix.
    case 'uuid':
      return { ...jsonSchema, pattern: uuidPattern(requirementOf(valibotAction)) };
    // A JSON number is always finite.
    case 'finite':
      return jsonSchema;
  }
  if (DESCRIBED_IN_THE_MODEL.has(valibotAction.type)) return jsonSchema;
  if (errors !== undefined) throw new Error(`OpenAPI: ${errors.join(' ')}`);
  return undefined;
}

function overrideSchema({ valibotSchema, errors }: Parameters<NonNullable<ConversionConfig['overrideSchema']>>[0]): JsonSchema | undefined {
  if (errors !== undefined) throw new Error(`OpenAPI: the "${valibotSchema.type}" schema: ${errors.join(' ')}`);
  return undefined;
}

/** The bounds checked before any field rule (record-bounds.ts), which no schema keyword can state. */
const RECORD_BOUNDS =
  `Au plus ${RECORD_MAX_DEPTH} niveaux d'imbrication et ${frenchNumber(RECORD_MAX_VALUES)} valeurs ; ` +
  `une fois enregistrée (avec son rev, sans baseRev), son JSON canonique fait au plus ${frenchNumber(RECORD_MAX_BYTES / 1024)} Kio.`;

/**
 * `definitions` as JSON Schema 2020-12, each referring to the others as `#/components/schemas/<name>`; throws on a
 * schema or a rule it cannot convert and that the model does not describe.
 */
export function documentedJsonSchemas<K extends string>(definitions: Record<K, v.GenericSchema>): Record<K, JsonSchema> {
  // errorMode 'ignore' only lets pipes of two schemas through (listOf: its length, then its items); every other
  // error is thrown by the overrides above.
  return toJsonSchemaDefs(definitions, {
    target: 'draft-2020-12',
    errorMode: 'ignore',
    overrideAction,
    overrideSchema,
    overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
  });
}

export interface RecordSchemas {
  /** A record as pushed (sync.md v2): `baseRev`, no `rev`. */
  PushRecord: JsonSchema;
  /** A record as stored, pulled and listed in a history: with its `rev`, without `baseRev`. */
  Fiche: JsonSchema;
  Author: JsonSchema;
}

/**
 * The record schemas of the year `currentYear` (years are bounded by it), their shared parts as references
 * `#/components/schemas/<name>`.
 */
export function recordSchemas(currentYear: number): RecordSchemas {
  const converted = documentedJsonSchemas<keyof RecordSchemas>({
    PushRecord: pushRecordSchema(currentYear),
    Fiche: ficheSchema(currentYear),
    Author: authorSchema,
  });
  return {
    PushRecord: {
      ...converted.PushRecord,
      description: `Une fiche envoyée : son dernier état, sur la révision du serveur où elle a été faite (baseRev, 0 pour une fiche nouvelle), sans rev. Tout champ inconnu, à toute profondeur, la rend invalide. ${RECORD_BOUNDS}`,
    },
    Fiche: { ...converted.Fiche, description: 'Une fiche telle que le serveur la tient : avec son rev (numéroté par le serveur), sans baseRev.' },
    Author: converted.Author,
  };
}

/**
 * The référentiel as PUT /api/v1/referential reads it and GET answers it (src/model/referential-schema.ts, the schema
 * the tablet reads it with too).
 */
export function referentialSchemas(): { Referential: JsonSchema; ReferentialBody: JsonSchema } {
  const converted = documentedJsonSchemas({ Referential: servedReferentialSchema, ReferentialBody: publishedReferentialSchema });
  return {
    Referential: {
      ...converted.Referential,
      description:
        "Le référentiel en vigueur : sa version (donnée par le serveur), ses paramètres, prix, règle de financement, objectifs et barème de priorité ; il porte aussi les règles, leurs libellés (rules) et les hypothèses (assumptions), tirés du code du serveur et que la tablette reprend du sien.",
    },
    ReferentialBody: {
      ...converted.ReferentialBody,
      description:
        "Un référentiel à publier. Tout champ non décrit ici (version, rules, assumptions, le libellé d'un prix) est ignoré : règles et libellés viennent du code. Un paramètre hors de ses bornes est refusé, nommé dans le message.",
    },
  };
}
