// The envelope of a sync request (sync.md v2): what makes a whole request refused (400, 413) rather than one record.
import { BATCH_MAX_RECORDS, SYNC_PROTOCOL } from '../../src/model/sync-protocol';
import type { Batch } from './sync';
import { RequestError } from './errors';

export const ID_MAX_LENGTH = 200;
const REQUIRED = ['protocol', 'deviceId', 'batchId', 'records'] as const;

/** The batch a request body holds, or throws the RequestError that refuses the whole request. */
export function parseEnvelope(body: unknown): Batch {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RequestError(400, 'invalid_request', 'La requête doit être un objet JSON avec protocol, deviceId, batchId et records.');
  }
  const envelope = body as Record<string, unknown>;
  // Before anything else: a device of another protocol is told what to do, whatever the rest of its request holds.
  if (envelope.protocol !== undefined) checkProtocol(envelope.protocol);
  const missing = REQUIRED.filter((field) => envelope[field] === undefined);
  if (missing.length > 0) {
    throw new RequestError(400, 'invalid_request', `Requête incomplète : il manque ${missing.join(', ')}.`);
  }
  const deviceId = identifier(envelope.deviceId, 'deviceId');
  const batchId = identifier(envelope.batchId, 'batchId');
  const records = envelope.records;
  if (!Array.isArray(records)) {
    throw new RequestError(400, 'invalid_request', 'records doit être une liste de fiches.');
  }
  if (records.length === 0) {
    throw new RequestError(400, 'empty_batch', 'Le lot est vide : records doit contenir au moins une fiche.');
  }
  if (records.length > BATCH_MAX_RECORDS) {
    throw new RequestError(413, 'too_many_records', `Lot trop grand : ${records.length} fiches, au plus ${BATCH_MAX_RECORDS} par envoi.`);
  }
  return { deviceId, batchId, records };
}

function checkProtocol(protocol: unknown): void {
  if (protocol === SYNC_PROTOCOL) return;
  if (typeof protocol === 'number' && protocol > SYNC_PROTOCOL) {
    throw new RequestError(400, 'unsupported_protocol',
      `L'application utilise une version du protocole de synchronisation (${protocol}) plus récente que ce serveur (${SYNC_PROTOCOL}) : prévenez l'administrateur du serveur.`);
  }
  throw new RequestError(400, 'unsupported_protocol',
    `Cette version de l'application ne peut plus se synchroniser avec le serveur (protocole ${SYNC_PROTOCOL} attendu) : mettez à jour l'application. Vos fiches restent enregistrées sur la tablette.`);
}

function identifier(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > ID_MAX_LENGTH) {
    throw new RequestError(400, 'invalid_request', `${field} doit être un texte non vide d'au plus ${ID_MAX_LENGTH} caractères.`);
  }
  return value;
}
