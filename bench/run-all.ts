// `npm run bench`: every benchmark, one after the other, each printing its figures.
import { execFileSync } from 'node:child_process';

const BENCHMARKS = ['bench/generator.ts', 'bench/first-visit.ts', 'bench/offline-reload.ts', 'bench/edit-to-disk.ts', 'bench/classroom-loop.ts', 'bench/gaps.ts', 'bench/photo-compress.ts', 'bench/pilotage.ts', 'bench/sync.ts', 'bench/photo-sync.ts', 'bench/merge.ts', 'bench/directory-import.ts', 'bench/export.ts', 'bench/export-load.ts', 'bench/server-load.ts', 'bench/stores.ts'];

for (const file of BENCHMARKS) {
  execFileSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  console.log('');
}
