// Where the images go (next to the sync endpoint, as `changes`), and what a fiche refused for its photo says.
import { describe, expect, it } from 'vitest';
import { attachmentUrl } from '../../src/sync/attachments';
import { photoRefusalMessage } from '../../src/sync/photo-upload';
import { pushRecordOf } from '../../src/model/sync-protocol';
import { makeClassroomFiche } from '../../src/model/make';
import type { Photo } from '../../src/model/types';

const SHA = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

describe('attachmentUrl', () => {
  it('resolves next to the sync endpoint, behind a reverse proxy’s prefix too, as the pull resolves changes', () => {
    for (const base of ['https://tne13.exemple.fr', 'https://exemple.fr/tne13', 'http://127.0.0.1:4173']) {
      const endpoint = { url: `${base}/api/v1/sync`, token: 't' };
      expect(attachmentUrl(endpoint, SHA)).toBe(`${base}/api/v1/attachments/${SHA}`);
      expect(new URL('changes', endpoint.url).href).toBe(`${base}/api/v1/changes`);
    }
  });
});

describe('photoRefusalMessage', () => {
  const photo = (sha256: string, patch: Partial<Photo> = {}): Photo => ({ sha256, type: 'image/jpeg', bytes: 10, takenAt: '2026-11-30T09:00:00.000Z', subject: 'network', caption: null, ...patch });
  const record = pushRecordOf(makeClassroomFiche({ data: { photos: [photo(OTHER), photo(SHA, { caption: 'Baie de brassage' })] } }), 0);

  it('names the photo by its place, subject and caption, says why, and what to do', () => {
    expect(photoRefusalMessage(record, new Map([[SHA, 'Photo trop volumineuse : au plus 2 Mio (2 097 152 octets).']]))).toBe(
      'Fiche non envoyée. Le serveur refuse la photo n° 2 (Réseau « Baie de brassage »). Photo trop volumineuse : au plus 2 Mio (2 097 152 octets). Retirez cette photo de la fiche (ou reprenez-la) pour que la fiche parte.',
    );
  });

  it('says nothing of a fiche that does not name the photos refused', () => {
    expect(photoRefusalMessage(record, new Map([['c'.repeat(64), 'Refusée']]))).toBeUndefined();
  });
});
