// Before a batch of fiches leaves, the images they name that the server does not hold yet (sync.md v2: a record may
// reference a photo only once it is held). Each is uploaded once, two at a time, and marked held on 200 or 201, so
// that a run cut short sends again only what was not acknowledged (the PUT is idempotent: a repeat is a 200).
import type { AuditDb } from '../storage/db';
import { forgetUploaded, markUploaded, photosToUpload } from '../storage/photos';
import { withdrawRefusal, type Sendable } from '../storage/outbox';
import { PHOTO_SUBJECT_LABELS } from '../model/labels';
import type { Photo } from '../model/types';
import type { PushRecord, SyncResult } from '../model/sync-protocol';
import { putAttachment } from './attachments';
import type { Endpoint, Outcome } from './transport';

const PARALLEL_UPLOADS = 2;
/** The statuses that say this image will never be taken as it is: its fiches are refused, not pushed to be refused. */
const REFUSED_FOR_GOOD = [400, 413, 415];

type Stopped = Exclude<Outcome<unknown>, { kind: 'answered' }>;

export interface UploadResult {
  uploaded: number;
  /** Images the server refused for good, with the French reason. */
  refused: Map<string, string>;
  /** Set when the run must stop here (network, 5xx, 429, 503, 401, 403): nothing of the batch is pushed. */
  stopped?: Stopped;
}

export function photosOf(record: PushRecord): Photo[] {
  return (record.data as { photos?: Photo[] }).photos ?? [];
}

function reasonOf(outcome: Extract<Outcome<unknown>, { kind: 'refused' }>): string {
  if (outcome.error?.message) return outcome.error.message;
  if (outcome.status === 413) return 'Photo trop volumineuse : au plus 2 Mio.';
  if (outcome.status === 415) return "Ce n'est pas une image JPEG ou WebP.";
  return 'Photo refusée : son contenu ne correspond pas à son empreinte.';
}

export async function uploadPhotos(
  db: AuditDb,
  endpoint: Endpoint,
  records: readonly PushRecord[],
  upload: typeof putAttachment = putAttachment,
  signal?: AbortSignal,
): Promise<UploadResult> {
  const rows = await photosToUpload(db, records.flatMap((record) => photosOf(record).map((p) => p.sha256)));
  const result: UploadResult = { uploaded: 0, refused: new Map() };
  let next = 0;
  const worker = async () => {
    for (let row = rows[next]; row && !result.stopped; row = rows[next]) {
      next += 1;
      signal?.throwIfAborted();
      const outcome = await upload(endpoint, row.sha256, row.blob as Blob, row.type, signal);
      if (outcome.kind === 'answered') {
        await markUploaded(db, row.sha256);
        result.uploaded += 1;
      } else if (outcome.kind === 'refused' && REFUSED_FOR_GOOD.includes(outcome.status)) {
        result.refused.set(row.sha256, reasonOf(outcome));
      } else {
        result.stopped ??= outcome;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, rows.length) }, worker));
  return result;
}

/** A sentence, ending with one full stop whatever it ended with. */
const sentence = (text: string) => `${text.trim().replace(/[\s.]+$/u, '')}${/[?!…)]$/u.test(text.trim()) ? '' : '.'}`;

/** What the outbox shows for a fiche whose photo the server refused: which photo, why, and what to do. */
export function photoRefusalMessage(record: PushRecord, refused: ReadonlyMap<string, string>): string | undefined {
  const named = photosOf(record).flatMap((photo, i) => {
    const reason = refused.get(photo.sha256);
    if (reason === undefined) return [];
    const caption = photo.caption ? ` « ${photo.caption} »` : '';
    return [`Le serveur refuse la photo n° ${i + 1} (${PHOTO_SUBJECT_LABELS[photo.subject]}${caption}). ${sentence(reason)}`];
  });
  if (named.length === 0) return undefined;
  return `Fiche non envoyée. ${named.join(' ')} Retirez cette photo de la fiche (ou reprenez-la) pour que la fiche parte.`;
}

const MISSING_PHOTO = /^data\.photos\.(\d+)\.sha256$/;

/**
 * Fiches the server refused only because it lacks images this tablet had marked as held (the server changed, or lost
 * them): their images are marked to upload again and the fiches to send again, else they would stay refused for
 * good, each new edit refused in turn. Answers how many were put back. An image freed here cannot be sent again: its
 * fiche stays refused, with the server's message.
 */
export async function resendMissingPhotos(db: AuditDb, sent: readonly Sendable[], results: readonly SyncResult[]): Promise<number> {
  let reopened = 0;
  for (const [i, result] of results.entries()) {
    const item = sent[i];
    const errors = result.errors ?? [];
    if (!item || result.status !== 'invalid' || errors.length === 0) continue;
    const indices = errors.map((e) => MISSING_PHOTO.exec(e.path)?.[1]);
    if (indices.some((index) => index === undefined)) continue; // refused for something else too: the user's to see
    const hashes = indices.map((index) => photosOf(item.record)[Number(index)]?.sha256).filter((sha) => sha !== undefined);
    const again = await forgetUploaded(db, hashes);
    if (again.length === hashes.length && (await withdrawRefusal(db, item.entry.id, item.entry.rev))) reopened += 1;
  }
  return reopened;
}
