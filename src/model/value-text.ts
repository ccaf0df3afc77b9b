// A recorded value as a reader says it ("Fibre", "Oui", "non renseigné", "12 tablettes de 2021"), for screens that
// show two versions of a field side by side (the "À arbitrer" screen). Enumerations read their labels from labels.ts.
import {
  CHARGING_LABELS, COMPUTER_LABELS, CONDITION_LABELS, COVERAGE_LABELS, DISPLAY_LABELS, FLEET_LABELS, INTERNET_LABELS,
  NETWORK_LABELS, PHOTO_SUBJECT_LABELS, STATUS_LABELS, STORAGE_LABELS,
} from './labels';
import { frenchNumber } from './french-number';
import { KEYED_LISTS } from './merge/keyed-lists';
import type { Fleet, Photo } from './types';

/** The labels of an enumerated field, by its path in the data without list indexes or fleet ids. */
const ENUMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'display.type': DISPLAY_LABELS,
  'display.condition': CONDITION_LABELS,
  'computer.type': COMPUTER_LABELS,
  'computer.condition': CONDITION_LABELS,
  'computer.storage': STORAGE_LABELS,
  'documentCamera.condition': CONDITION_LABELS,
  'network.access': NETWORK_LABELS,
  'internet.access': INTERNET_LABELS,
  'wifi.coverage': COVERAGE_LABELS,
  'fleets.type': FLEET_LABELS,
  'fleets.charging': CHARGING_LABELS,
  'photos.subject': PHOTO_SUBJECT_LABELS,
  status: STATUS_LABELS,
};

/** "12 tablettes (10 fonctionnelles) de 2021": a fleet in one line. */
export function fleetText(fleet: Partial<Fleet>): string {
  const kind = fleet.type ? FLEET_LABELS[fleet.type].toLowerCase() : 'appareils';
  const count = fleet.count === null || fleet.count === undefined ? '? ' : `${frenchNumber(fleet.count)} `;
  const working = fleet.workingCount === null || fleet.workingCount === undefined ? '' : ` (${frenchNumber(fleet.workingCount)} fonctionnels)`;
  return `${count}${kind}${working}${fleet.year ? ` de ${fleet.year}` : ''}`;
}

/** "Photo Affichage collectif, « VPI côté fenêtre »": a photo in one line. */
export function photoText(photo: Partial<Photo>): string {
  const subject = photo.subject ? ` ${PHOTO_SUBJECT_LABELS[photo.subject]}` : '';
  return `Photo${subject}${photo.caption ? `, « ${photo.caption} »` : ''}`;
}

/** `path` from the data's root with the key of a keyed list's item removed: `fleets.<id>.count` → `fleets.count`. A
 * key may hold dots; an item's field never does, so the field is the last part. */
export function genericPath(path: string): string {
  const parts = path.replace(/^data\./, '').split('.');
  if (!Object.hasOwn(KEYED_LISTS, parts[0] as string) || parts.length < 2) return parts.join('.');
  const field = parts.length > 2 && !/^\d+$/.test(parts[1] as string) ? parts.at(-1) : parts.slice(2).join('.');
  return [parts[0], field].filter((p) => p !== undefined && p !== '').join('.');
}

export function valueText(path: string, value: unknown): string {
  if (value === undefined) return path.startsWith('data.fleets.') ? 'flotte retirée' : path.startsWith('data.photos.') ? 'photo retirée' : 'absent';
  if (value === null) return 'non renseigné';
  if (path === 'deleted') return value ? 'supprimée' : 'conservée';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return frenchNumber(value);
  const generic = genericPath(path);
  if (typeof value === 'string') return value === '' ? '(vide)' : (ENUMS[generic]?.[value] ?? value);
  if (generic === 'fleets' || (typeof value === 'object' && 'count' in value && 'workingCount' in value)) return fleetText(value as Partial<Fleet>);
  if (generic === 'photos' || (typeof value === 'object' && 'sha256' in value)) return photoText(value as Partial<Photo>);
  if (Array.isArray(value)) return value.length === 0 ? '(aucun)' : value.map((v) => valueText(path, v)).join(', ');
  return JSON.stringify(value);
}
