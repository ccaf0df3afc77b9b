// One export from input to file: the progress it reports, which the tablet shows while the worker writes.
import { describe, expect, it } from 'vitest';
import { runExport, type ExportProgress } from '../../src/export/run-export';
import { generateDepartement } from '../fixtures/departement/generate-departement';
import { REFERENTIAL_V1 } from '../../src/model/referential';
import { CAMPAIGN, EXPORTED_AT } from './fixture';

describe('runExport', () => {
  it('reports the gaps step, then the rows written over all sheets as they go, then the end', () => {
    const { schools, fiches } = generateDepartement({ schools: 200, classrooms: 1500 });
    const steps: ExportProgress[] = [];
    const file = runExport(
      { campaign: CAMPAIGN, directory: schools, fiches, deviceOf: new Map(), referential: REFERENTIAL_V1, exportedAt: EXPORTED_AT },
      'xlsx', undefined, (p) => steps.push(p),
    );
    expect(file.bytes.length).toBeGreaterThan(0);
    expect(steps[0]?.step).toBe('compute');
    expect(steps.at(-1)).toEqual({ step: 'done', done: 1, total: 1 });
    const writes = steps.filter((p) => p.step === 'write');
    // Several updates (a sheet of more than 2,000 rows reports more than once), never going back, ending at the total.
    expect(writes.length).toBeGreaterThan(5);
    for (let i = 1; i < writes.length; i += 1) expect((writes[i] as ExportProgress).done).toBeGreaterThan((writes[i - 1] as ExportProgress).done);
    const last = writes.at(-1) as ExportProgress;
    expect(last.done).toBe(last.total);
  });
});
