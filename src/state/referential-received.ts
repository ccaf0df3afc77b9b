// The référentiel a server answered (GET /api/v1/referential), read with the schema the server validates with before
// it is kept as the Département's. Apart from referential.ts, in the sync's chunk: the schema (valibot) stays out of
// the first screen's scripts.
import { readServedReferential } from '../model/referential-schema';
import { keepDepartementReferential } from './referential';

/**
 * What GET /api/v1/referential answered (status 200). `adopted`: a new version, in force unless a simulation is;
 * `unchanged`: the content already held; `invalid`: not kept (a newer or broken server), the device keeps what it has.
 */
export async function receiveReferential(body: unknown, etag: string | null, receivedAt: Date): Promise<'adopted' | 'unchanged' | 'invalid'> {
  const reading = readServedReferential(body);
  if (!reading.ok) {
    console.warn('référentiel du serveur illisible', reading.errors);
    return 'invalid';
  }
  return keepDepartementReferential(reading.referential, etag, receivedAt);
}
