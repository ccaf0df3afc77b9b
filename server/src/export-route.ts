// GET /api/v1/export.xlsx and GET /api/v1/export.csv?sheet=… (export.md, sync.md): the departmental spreadsheet
// over the head of every fiche, with a token of role lecteur or admin. `campaign` defaults to the school year in progress.
// Built in the export worker, one at a time (export-queue.ts), with the référentiel in force, and tagged by the data
// and référentiel versions it was made from: an unchanged export is answered from the kept file or with a 304, and
// HEAD never builds.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSV_MIME, type ExportFormat } from '../../src/export/run-export';
import { SHEET_SLUGS, sheetSlug, type SheetSlug } from '../../src/export/sheet';
import { exportFileName } from '../../src/export/workbook';
import { XLSX_MIME } from '../../src/export/xlsx';
import { campaignOfDay } from '../../src/model/campaign';
import { parisDateTime } from '../../src/export/paris-time';
import type { ServerContext } from './app';
import { recordExport } from './audit';
import { authorize, decorateTokenOwner } from './auth';
import { RequestError } from './errors';
import { matchesEtag } from './etag';
import { ExportQueue, ExportQueueFull, exportEtag, exportKind, type BuildExport, type ReadyExport } from './export-queue';
import { buildExport, exportDataVersion } from './export-source';
import { referentialInForce } from './referential';
import { ExportFailed, ExportWorkerClient } from './export-worker-client';
import { EXPORT } from './roles';
import type { Store } from './store/store';

type ExportQuery = { campaign?: string; sheet?: string };

const CAMPAIGN = /^(\d{4})-(\d{4})$/;

export function campaignOf(value: string | undefined, now: Date): string {
  // The school year in Paris: a server in UTC is still in August for the first hours of 1 September.
  if (value === undefined || value === '') return campaignOfDay(parisDateTime(now) ?? now.toISOString());
  const match = CAMPAIGN.exec(value);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) {
    throw new RequestError(400, 'invalid_request', `Campagne « ${value.slice(0, 40)} » invalide : attendue sous la forme 2026-2027.`);
  }
  return value;
}

export function sheetOf(value: string | undefined): SheetSlug {
  const choices = SHEET_SLUGS.join(', ');
  if (value === undefined || value === '') throw new RequestError(400, 'invalid_request', `Paramètre sheet manquant : ${choices}.`);
  const slug = sheetSlug(value);
  if (slug === null) throw new RequestError(400, 'invalid_request', `Feuille « ${value.slice(0, 40)} » inconnue : ${choices}.`);
  return slug;
}

function headersOf(reply: FastifyReply, etag: string, fileName: string, mime: string): FastifyReply {
  return reply.header('etag', etag).header('content-disposition', `attachment; filename="${fileName}"`).type(mime);
}

function send(reply: FastifyReply, { etag, file }: ReadyExport): FastifyReply {
  return headersOf(reply, etag, file.fileName, file.mime).send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

/** A refusal or failure of the export queue or worker as a French answer; anything else is left to the error handler. */
function refusalOf(error: unknown): unknown {
  if (error instanceof ExportQueueFull) {
    const seconds = String(error.retryAfterS);
    return new RequestError(503, 'overloaded', `Un export est déjà en préparation et d'autres attendent leur tour : réessayez dans ${seconds} s.`, { 'retry-after': seconds });
  }
  if (!(error instanceof ExportFailed)) return error;
  switch (error.reason) {
    case 'closed':
      return new RequestError(503, 'overloaded', "Le serveur s'arrête : réessayez dans un instant.", { 'retry-after': '10' });
    case 'timed-out':
      return new RequestError(503, 'overloaded', "L'export a pris trop de temps et a été arrêté : réessayez dans quelques minutes.", { 'retry-after': '120' });
    case 'crashed':
      return new RequestError(500, 'export_failed', "L'export n'a pas pu être préparé (mémoire ou erreur du processus d'export) : prévenez l'administrateur du serveur.");
    case 'failed':
      return error;
  }
}

/** Builds in the export worker; in this thread only for a store no other thread can open (':memory:'). */
function builderOf(store: Store): { build: BuildExport; close(): Promise<void> } {
  if (store.readerLocation === null) return { build: (job) => buildExport(store, job), close: async () => {} };
  const worker = new ExportWorkerClient(store.readerLocation);
  return { build: (job) => worker.build(job), close: () => worker.close() };
}

type ExportRequest = FastifyRequest<{ Querystring: ExportQuery }>;

export function registerExportRoutes(app: FastifyInstance, { store, now, territory }: ServerContext): void {
  decorateTokenOwner(app);
  const builder = builderOf(store);
  const queue = new ExportQueue(builder.build, (job) => app.log.info({ export: job }, 'Export commencé'));
  app.addHook('onClose', async () => {
    queue.close(new ExportFailed('closed', 'server closing'));
    await builder.close();
  });

  // GET builds (or answers the kept file, or 304); HEAD answers the headers a GET would, from the data version alone.
  async function answer(request: ExportRequest, reply: FastifyReply, format: ExportFormat) {
    const at = now();
    const campaign = campaignOf(request.query.campaign, at);
    const referential = await referentialInForce(store, territory);
    const job = { campaign, format, sheet: format === 'csv' ? sheetOf(request.query.sheet) : undefined, exportedAt: at.toISOString(), referential };
    const version = exportDataVersion(await store.exportVersion(campaign), referential);
    const etag = exportEtag(exportKind(job), version, at);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).header('etag', etag).send();
    if (request.method === 'HEAD') {
      const kept = queue.keptFile(exportKind(job), etag);
      const mime = format === 'xlsx' ? XLSX_MIME : CSV_MIME;
      headersOf(reply, etag, kept?.file.fileName ?? exportFileName(campaign, at, format, job.sheet), mime);
      if (kept !== undefined) reply.header('content-length', kept.file.bytes.byteLength);
      return reply.send();
    }
    try {
      const ready = await queue.answer(job, version);
      // Every file handed out is in the audit log, from the kept file too (a 304 hands out nothing).
      await recordExport(store, request, at, { campaign, format, ...(job.sheet ? { sheet: job.sheet } : {}) });
      return send(reply, ready);
    } catch (error) {
      // The handler logs the other 5xx; these become French refusals, which it would not log.
      if (error instanceof ExportFailed && (error.reason === 'crashed' || error.reason === 'timed-out')) request.log.error(error);
      throw refusalOf(error);
    }
  }

  const onRequest = [authorize(store, now, EXPORT)];
  app.route<{ Querystring: ExportQuery }>({ method: ['GET', 'HEAD'], url: '/api/v1/export.xlsx', onRequest, handler: (request, reply) => answer(request, reply, 'xlsx') });
  app.route<{ Querystring: ExportQuery }>({ method: ['GET', 'HEAD'], url: '/api/v1/export.csv', onRequest, handler: (request, reply) => answer(request, reply, 'csv') });
}
