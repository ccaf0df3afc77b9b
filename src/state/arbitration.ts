// The fiches "À arbitrer" as the screen shows them: for each, its fields in conflict with both values in words, who
// changed each side and when; and the user's choice, saved and pushed on the server's head (sync.md v2).
import { signal } from '@preact/signals';
import { heldFiche, resolveHeld } from '../storage/heads';
import { InvalidRecordError } from '../storage/fiches';
import { fieldLabel } from '../model/labels';
import { genericPath, valueText } from '../model/value-text';
import { itemNamed, keyedListOf } from '../model/merge/keyed-lists';
import type { Author, Fiche } from '../model/types';
import { deviceDb } from './device-db';
import { currentAuthor } from './session';
import { referential } from './referential';
import { refreshOutboxState, syncNow } from './sync';

export interface ConflictView {
  path: string;
  label: string;
  local: string;
  head: string;
}

export interface HeldView {
  id: string;
  kind: Fiche['kind'];
  uai: string;
  /** "Fiche école" or the classroom's name. */
  title: string;
  local: { author: Author; updatedAt: string };
  head: { author: Author; updatedAt: string };
  conflicts: ConflictView[];
}

export const heldFiches = signal<HeldView[] | null>(null);

/**
 * A field named as it reads on its own, with no form section around it ("Points d'accès Wi-Fi", not the form's
 * "Nombre de points d'accès"); a fleet's or a photo's field also by its place in the version that has it: "Nombre
 * d'appareils fonctionnels (flotte n° 2)", "Légende de la photo (photo n° 3)".
 */
function labelOf(fiche: Fiche, other: Fiche, path: string): string {
  const list = keyedListOf(path);
  if (list !== undefined) {
    const index = (itemNamed(fiche, path) ?? itemNamed(other, path))?.index ?? 0;
    const field = genericPath(path);
    const [whole, item] = list === 'fleets' ? ['Flotte', 'flotte'] : ['Photo', 'photo'];
    const name = field === list ? whole : fieldLabel(`data.${field}`);
    return `${name} (${item} n° ${index + 1})`;
  }
  if (path === 'deleted') return 'Suppression de la fiche';
  return fieldLabel(path);
}

export async function loadHeldFiches(): Promise<void> {
  const db = deviceDb();
  const ids = await db.arbitrations.toCollection().primaryKeys();
  const views: HeldView[] = [];
  for (const id of ids) {
    const held = await heldFiche(db, id);
    if (!held) continue;
    const { local, head } = held;
    views.push({
      id,
      kind: local.kind,
      uai: local.uai,
      title: local.kind === 'school' ? 'Fiche école' : local.data.label,
      local: { author: local.author, updatedAt: local.updatedAt },
      head: { author: head.record.author, updatedAt: head.record.updatedAt },
      conflicts: held.conflicts.map((c) => ({ path: c.path, label: labelOf(local, head.record, c.path), local: valueText(c.path, c.local), head: valueText(c.path, c.head) })),
    });
  }
  heldFiches.value = views;
}

/** Saves the choice ('local' where none is given) and sends it at once. */
export async function resolveFiche(id: string, choices: Readonly<Record<string, 'local' | 'head'>>): Promise<void> {
  await resolveHeld(deviceDb(), id, choices, { author: currentAuthor(), referentialVersion: referential.value.version });
  await Promise.all([loadHeldFiches(), refreshOutboxState()]);
  void syncNow();
}

/** The French messages of a choice refused because it makes an invalid fiche (resolveFiche's InvalidRecordError); null
 * for any other failure. The screens read them here: ui never imports storage. */
export function refusedChoiceMessages(error: unknown): string[] | null {
  return error instanceof InvalidRecordError ? error.errors.map((e) => e.message) : null;
}
