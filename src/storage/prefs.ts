// Small preferences in idb-keyval: who audits, which campaign, this device's id, the référentiels.
import { del, get, set } from 'idb-keyval';
import type { Author } from '../model/types';
import type { Referential } from '../model/referential';

const AUDITOR_KEY = 'auditor';
const CAMPAIGN_KEY = 'campaign';
const DEVICE_ID_KEY = 'deviceId';
const REFERENTIAL_KEY = 'referential';

export function getAuditor(): Promise<Author | undefined> {
  return get<Author>(AUDITOR_KEY);
}

export function setAuditor(author: Author): Promise<void> {
  return set(AUDITOR_KEY, author);
}

export function getCampaign(): Promise<string | undefined> {
  return get<string>(CAMPAIGN_KEY);
}

export function setCampaign(campaign: string): Promise<void> {
  return set(CAMPAIGN_KEY, campaign);
}

/** This device's id for the sync protocol, made once. */
export async function getDeviceId(): Promise<string> {
  const existing = await get<string>(DEVICE_ID_KEY);
  if (existing) return existing;
  const id = crypto.randomUUID();
  await set(DEVICE_ID_KEY, id);
  return id;
}

/**
 * The simulation: the référentiel as edited in "Paramètres" on this device, if it was (version `…-local.<n>`). Under
 * the key an earlier version of the app kept its local edit in, so that such an edit stays a simulation.
 */
export function getSimulation(): Promise<Referential | undefined> {
  return get<Referential>(REFERENTIAL_KEY);
}

export function setSimulation(referential: Referential): Promise<void> {
  return set(REFERENTIAL_KEY, referential);
}

export function clearSimulation(): Promise<void> {
  return del(REFERENTIAL_KEY);
}

/** The Département's référentiel as last received from the server, when, and its ETag (GET /api/v1/referential). */
export interface ReceivedReferential {
  referential: Referential;
  /** ISO 8601, this device's clock. */
  receivedAt: string;
  etag: string | null;
}

const DEPARTEMENT_REFERENTIAL_KEY = 'departementReferential';

export function getDepartementReferential(): Promise<ReceivedReferential | undefined> {
  return get<ReceivedReferential>(DEPARTEMENT_REFERENTIAL_KEY);
}

export function setDepartementReferential(received: ReceivedReferential): Promise<void> {
  return set(DEPARTEMENT_REFERENTIAL_KEY, received);
}

export interface SyncSettings {
  /** The sync endpoint; empty: `/api/v1/sync` on the origin that served the app. */
  endpoint: string;
  token: string;
  /** The circonscriptions whose fiches this device pulls; absent or empty: the whole département. */
  circonscriptions?: string[];
}

const SYNC_KEY = 'sync';

export async function getSyncSettings(): Promise<SyncSettings> {
  return (await get<SyncSettings>(SYNC_KEY)) ?? { endpoint: '', token: '' };
}

export function setSyncSettings(settings: SyncSettings): Promise<void> {
  return set(SYNC_KEY, settings);
}

export interface DirectorySettings {
  /** As typed on the import screen; '' until then (the screen shows the référentiel's territory). */
  departement: string;
  includeMaternelles: boolean;
}

const DIRECTORY_SETTINGS_KEY = 'directorySettings';
const DIRECTORY_ETAG_KEY = 'directoryEtag';

export async function getDirectorySettings(): Promise<DirectorySettings> {
  return (await get<DirectorySettings>(DIRECTORY_SETTINGS_KEY)) ?? { departement: '', includeMaternelles: false };
}

export function setDirectorySettings(settings: DirectorySettings): Promise<void> {
  return set(DIRECTORY_SETTINGS_KEY, settings);
}

/** The ETag of the directory last taken from the server. */
export function getDirectoryEtag(): Promise<string | undefined> {
  return get<string>(DIRECTORY_ETAG_KEY);
}

export function setDirectoryEtag(etag: string): Promise<void> {
  return set(DIRECTORY_ETAG_KEY, etag);
}

/** The equipment plan's budgets (HT, per chef de file) and switches as last typed on this device. */
export interface PlanSettings {
  budgetsHt: Record<string, number | null>;
  options: Record<string, boolean>;
}

const PLAN_KEY = 'plan';

export function getPlanSettings(): Promise<PlanSettings | undefined> {
  return get<PlanSettings>(PLAN_KEY);
}

export function setPlanSettings(settings: PlanSettings): Promise<void> {
  return set(PLAN_KEY, settings);
}
