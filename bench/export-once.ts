// One server export in a fresh process, for its peak memory (bench/export.ts runs it): it imports only what
// `npm run export` does, so the figure is the export's, not the benchmark's.
import { exportFromServer } from '../server/src/export-source';
import { REFERENTIAL_V1 } from '../src/model/referential';
import { openStore } from '../server/src/store/open-store';

const store = await openStore(process.argv[2] as string);
const before = process.memoryUsage().rss;
const start = performance.now();
const file = await exportFromServer(store, '2026-2027', 'xlsx', undefined, new Date(), REFERENTIAL_V1);
const ms = performance.now() - start;
await store.close();
console.log(JSON.stringify({ ms, bytes: file.bytes.length, rssBefore: before, maxRss: process.resourceUsage().maxRSS * 1024 }));
