// The query string of GET /api/v1/changes (sync.md v2, "Pull"), read into the store's ChangesQuery or refused as a
// whole request (400) with a French message. The cursor is a seq written in decimal: opaque to the device.
import { CHANGES_MAX_LIMIT, CHANGES_PAGE } from '../../src/model/sync-protocol';
import { RequestError } from './errors';
import type { ChangesQuery } from './store/store';

export interface ChangesParams {
  campaign?: string | string[];
  since?: string | string[];
  limit?: string | string[];
  circonscription?: string | string[];
  uai?: string | string[];
}

const CAMPAIGN = /^(\d{4})-(\d{4})$/;
export const CURSOR = /^\d{1,15}$/;
/** Bounds on the filters, so that one request cannot make a query of any size. */
export const FILTERS_MAX = 200;
export const FILTER_MAX_LENGTH = 200;

const refuse = (message: string) => new RequestError(400, 'invalid_request', message);

/** The one value of a parameter that may appear once. */
function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) throw refuse(`Le paramètre ${name} ne peut figurer qu'une fois.`);
  return value;
}

/** Every value of a repeatable parameter, empty values left out. */
function repeated(value: string | string[] | undefined, name: string): string[] {
  const values = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v) => v !== '');
  if (values.length > FILTERS_MAX) throw refuse(`Trop de filtres ${name} : au plus ${FILTERS_MAX}.`);
  if (values.some((v) => v.length > FILTER_MAX_LENGTH)) throw refuse(`Un filtre ${name} dépasse ${FILTER_MAX_LENGTH} caractères.`);
  return [...new Set(values)];
}

function campaignOf(value: string | undefined): string {
  if (value === undefined || value === '') throw refuse('Paramètre campaign manquant : précisez la campagne, par exemple campaign=2026-2027.');
  const match = CAMPAIGN.exec(value);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) {
    throw refuse(`Campagne « ${value.slice(0, 40)} » invalide : attendue sous la forme 2026-2027.`);
  }
  return value;
}

function sinceOf(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!CURSOR.test(value)) throw refuse(`Curseur « ${value.slice(0, 40)} » invalide : renvoyez le curseur donné par la réponse précédente.`);
  return Number(value);
}

// Above the maximum is refused rather than cut down: a device asking for more than it may is a bug to see.
function limitOf(value: string | undefined): number {
  if (value === undefined || value === '') return CHANGES_PAGE;
  const limit = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= CHANGES_MAX_LIMIT)) {
    throw refuse(`Paramètre limit « ${value.slice(0, 40)} » invalide : un nombre entier de 1 à ${CHANGES_MAX_LIMIT}.`);
  }
  return limit;
}

export function parseChangesQuery(params: ChangesParams): ChangesQuery {
  return {
    campaign: campaignOf(single(params.campaign, 'campaign')),
    since: sinceOf(single(params.since, 'since')),
    limit: limitOf(single(params.limit, 'limit')),
    circonscriptions: repeated(params.circonscription, 'circonscription'),
    uais: repeated(params.uai, 'uai'),
  };
}
