// GET /api/v1/export.xlsx and GET /api/v1/export.csv?sheet=… (export.md, sync.md): the departmental spreadsheet
// over the head of every fiche, with a token of role lecteur or admin. `campaign` defaults to the school year in progress.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ExportFile } from '../../src/export/run-export';
import { SHEET_SLUGS, sheetSlug, type SheetSlug } from '../../src/export/sheet';
import { campaignOfDay } from '../../src/model/campaign';
import { parisDateTime } from '../../src/export/paris-time';
import type { ServerContext } from './app';
import { recordExport } from './audit';
import { authorize, decorateTokenOwner } from './auth';
import { RequestError } from './errors';
import { exportFromServer } from './export-source';
import { EXPORT } from './roles';

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

function send(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .type(file.mime)
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

export function registerExportRoutes(app: FastifyInstance, { store, now }: ServerContext): void {
  decorateTokenOwner(app);
  const onRequest = [authorize(store, now, EXPORT)];
  app.get<{ Querystring: ExportQuery }>('/api/v1/export.xlsx', { onRequest }, async (request, reply) => {
    const at = now();
    const campaign = campaignOf(request.query.campaign, at);
    const file = await exportFromServer(store, campaign, 'xlsx', undefined, at);
    await recordExport(store, request, at, { campaign, format: 'xlsx' });
    return send(reply, file);
  });
  app.get<{ Querystring: ExportQuery }>('/api/v1/export.csv', { onRequest }, async (request, reply) => {
    const at = now();
    const sheet = sheetOf(request.query.sheet);
    const campaign = campaignOf(request.query.campaign, at);
    const file = await exportFromServer(store, campaign, 'csv', sheet, at);
    await recordExport(store, request, at, { campaign, format: 'csv', sheet });
    return send(reply, file);
  });
}
