// Drafts: the form as typed, written on every edit; a revision later takes their place (see fiches.ts). What a draft
// holds once carried onto a fiche a sync changed is typed-draft.ts: it needs the merge, which the first screen does not.
import type { AuditDb, Draft } from './db';

export async function writeDraft(db: AuditDb, draft: Draft): Promise<void> {
  await db.drafts.put(draft);
}

export function getDraft(db: AuditDb, id: string): Promise<Draft | undefined> {
  return db.drafts.get(id);
}

export function listDrafts(db: AuditDb): Promise<Draft[]> {
  return db.drafts.toArray();
}

export function countDrafts(db: AuditDb): Promise<number> {
  return db.drafts.count();
}
