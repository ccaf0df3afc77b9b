// "Exporter le plan": the equipment plan on screen (the gaps worker's last report for the budgets typed here) as an
// XLSX file, one sheet per chef de file, saved as a download. The plan is a few hundred rows: built in this thread,
// but its writer is fetched only when asked for, so that the first visit does not carry it.
import { signal } from '@preact/signals';
import { importChunk } from './chunks';
import { saveFile } from './download';
import { planReport } from './pilotage';
import { referential } from './referential';
import { campaign } from './session';

export type PlanExportState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; fileName: string }
  | { status: 'failed'; message: string };

export const planExportState = signal<PlanExportState>({ status: 'idle' });

export const PLAN_NOT_READY = "Le plan n'est pas encore calculé : attendez ses chiffres, puis exportez-le.";
export const PLAN_OUTDATED = 'Le plan est recalculé avec le nouveau référentiel : exportez-le dans un instant.';
export const PLAN_EXPORT_FAILED = "Le plan n'a pas pu être exporté. Réessayez ; si cela se reproduit, signalez-le.";

/** What a button shows once the export is over. */
export function planExportMessage(state: PlanExportState): string | null {
  if (state.status === 'done') return `Plan exporté : ${state.fileName}`;
  if (state.status === 'failed') return state.message;
  return null;
}

export async function exportPlan(): Promise<void> {
  if (planExportState.value.status === 'running') return;
  const report = planReport.value;
  const inForce = referential.value;
  if (!report) {
    planExportState.value = { status: 'failed', message: PLAN_NOT_READY };
    return;
  }
  // The funding rule written under the table must be the one the plan was computed with.
  if (report.referentialVersion !== inForce.version) {
    planExportState.value = { status: 'failed', message: PLAN_OUTDATED };
    return;
  }
  planExportState.value = { status: 'running' };
  try {
    const { planWorkbookFile } = await importChunk(() => import('../export/plan-workbook'));
    const file = planWorkbookFile(report, { campaign: campaign.value, referential: inForce, exportedAt: new Date() });
    saveFile([file.bytes as Uint8Array<ArrayBuffer>], file.fileName, file.mime);
    planExportState.value = { status: 'done', fileName: file.fileName };
  } catch (error) {
    console.error('plan export failed', error);
    planExportState.value = { status: 'failed', message: PLAN_EXPORT_FAILED };
  }
}
