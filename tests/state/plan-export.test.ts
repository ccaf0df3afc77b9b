// "Exporter le plan": the plan on screen is saved as an XLSX file named for the campaign and the time, and every way
// it cannot be gives a French message the button shows. The browser's download is stood in for by a document whose
// links record what they would save.
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { XLSX_MIME } from '../../src/export/xlsx';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { planReport } from '../../src/state/pilotage';
import {
  exportPlan, PLAN_EXPORT_FAILED, PLAN_NOT_READY, PLAN_OUTDATED, planExportMessage, planExportState,
} from '../../src/state/plan-export';
import { referential } from '../../src/state/referential';
import { campaign } from '../../src/state/session';
import { makePlanReport } from '../export/support/plan-fixture';

const EXPORTED_AT = new Date('2026-11-28T17:38:00Z'); // 18:38 in Paris

interface Saved {
  fileName: string;
  blob: Blob;
}

let saved: Saved[];
let blobs: Map<string, Blob>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout'], now: EXPORTED_AT });
  saved = [];
  blobs = new Map();
  vi.stubGlobal('document', {
    createElement: () => ({
      click(this: { href: string; download: string }) {
        saved.push({ fileName: this.download, blob: blobs.get(this.href) as Blob });
      },
    }),
  });
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:plan-${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  campaign.value = '2026-2027';
  referential.value = REFERENTIAL_V1;
  planReport.value = makePlanReport();
  planExportState.value = { status: 'idle' };
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('exportPlan', () => {
  it('saves the plan as an XLSX file named for the campaign and the Paris time, one sheet per chef de file', async () => {
    await exportPlan();
    expect(saved.map((s) => s.fileName)).toEqual(['tne13-plan-equipement-2026-2027-20261128-1838.xlsx']);
    const { blob } = saved[0] as Saved;
    expect(blob.type).toBe(XLSX_MIME);
    const parts = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    const workbook = strFromU8(parts['xl/workbook.xml'] as Uint8Array);
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Plan Ville de Marseille', 'Plan Conseil départemental 13']);
    expect(planExportState.value).toEqual({ status: 'done', fileName: 'tne13-plan-equipement-2026-2027-20261128-1838.xlsx' });
    expect(planExportMessage(planExportState.value)).toBe('Plan exporté : tne13-plan-equipement-2026-2027-20261128-1838.xlsx');
  });

  it('says so in French, and saves nothing, while the plan is not computed yet', async () => {
    planReport.value = null;
    await exportPlan();
    expect(saved).toEqual([]);
    expect(planExportState.value).toEqual({ status: 'failed', message: PLAN_NOT_READY });
    expect(planExportMessage(planExportState.value)).toBe("Le plan n'est pas encore calculé : attendez ses chiffres, puis exportez-le.");
  });

  it('waits for the plan of a référentiel changed meanwhile rather than write the old one under the new funding rule', async () => {
    referential.value = { ...REFERENTIAL_V1, version: '2026.1-local.1' };
    await exportPlan();
    expect(saved).toEqual([]);
    expect(planExportState.value).toEqual({ status: 'failed', message: PLAN_OUTDATED });
  });

  it('gives a French message when the device cannot save the file', async () => {
    vi.mocked(URL.createObjectURL).mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await exportPlan();
    expect(saved).toEqual([]);
    expect(planExportState.value).toEqual({ status: 'failed', message: PLAN_EXPORT_FAILED });
    expect(planExportMessage(planExportState.value)).toBe("Le plan n'a pas pu être exporté. Réessayez ; si cela se reproduit, signalez-le.");
  });

  it('exports once when asked twice in a row, and again once the first is done', async () => {
    await Promise.all([exportPlan(), exportPlan()]);
    expect(saved).toHaveLength(1);
    await exportPlan();
    expect(saved).toHaveLength(2);
  });

  it('says nothing before an export', () => {
    expect(planExportMessage({ status: 'idle' })).toBeNull();
    expect(planExportMessage({ status: 'running' })).toBeNull();
  });
});
