// The référentiel in force on this device. Two are kept apart: the Département's, as last received from the server
// at a sync (v1 as shipped until one is), and a simulation, made by editing "Paramètres" here (version `…-local.<n>`).
// Computations use the simulation while it exists, and every screen says so (app.tsx); going back to the
// Département's drops the simulation. A new version from the server replaces the Département's and keeps the
// simulation, which then says it started from an older version.
import { computed, signal } from '@preact/signals';
import { clearSimulation, getDepartementReferential, getSimulation, setDepartementReferential, setSimulation } from '../storage/prefs';
import { migrateReferential, nextLocalVersion, REFERENTIAL_V1, type Referential } from '../model/referential';
import { isSimulationVersion } from '../model/referential-version';

export interface DepartementReferential {
  referential: Referential;
  /** ISO 8601, when this device received it; null for the one shipped with the app. */
  receivedAt: string | null;
  /** The server's ETag for it, sent back in If-None-Match. */
  etag: string | null;
}

const SHIPPED: DepartementReferential = { referential: REFERENTIAL_V1, receivedAt: null, etag: null };

export const departementReferential = signal<DepartementReferential>(SHIPPED);
export const simulation = signal<Referential | null>(null);
/** What every computation uses: the simulation while there is one, else the Département's. */
export const referential = signal<Referential>(REFERENTIAL_V1);

/** The simulation started from a version of the Département older than the one now received. */
export const simulationOutdated = computed(() => {
  const simulated = simulation.value;
  return simulated !== null && !simulated.version.startsWith(`${departementReferential.value.referential.version}-local.`);
});

function inForce(): void {
  referential.value = simulation.value ?? departementReferential.value.referential;
}

/** Both référentiels kept on this device, brought up to this version of the app (a parameter added since takes its default). */
export async function loadReferential(): Promise<void> {
  const [received, simulated] = await Promise.all([getDepartementReferential(), getSimulation()]);
  departementReferential.value = received ? { ...received, referential: migrateReferential(received.referential) } : SHIPPED;
  // An earlier version of the app kept v1 under this key after "Rétablir": not a simulation.
  simulation.value = simulated && isSimulationVersion(simulated.version) ? migrateReferential(simulated) : null;
  inForce();
}

/** Saves edited parameters, prices or targets as a simulation: a new local version, the Département's kept apart. */
export async function saveReferential(edited: Omit<Referential, 'version' | 'rules' | 'assumptions'>): Promise<Referential> {
  const next: Referential = {
    ...edited,
    rules: REFERENTIAL_V1.rules,
    assumptions: REFERENTIAL_V1.assumptions,
    version: nextLocalVersion(referential.value.version),
  };
  await setSimulation(next);
  simulation.value = next;
  inForce();
  return next;
}

/** "Revenir au référentiel du Département": the simulation is dropped. */
export async function resetReferential(): Promise<void> {
  await clearSimulation();
  simulation.value = null;
  inForce();
}

/**
 * Keeps `received` (read with the server's schema: referential-received.ts) as the Département's référentiel.
 * `adopted`: new content, in force unless a simulation is; `unchanged`: the content already held.
 */
export async function keepDepartementReferential(received: Referential, etag: string | null, receivedAt: Date): Promise<'adopted' | 'unchanged'> {
  const held = departementReferential.value;
  // The same content (the shipped v1 served as the server's default, or an ETag lost): kept as it is, nothing to compute again.
  const unchanged = JSON.stringify(held.referential) === JSON.stringify(received);
  const kept: DepartementReferential = {
    referential: unchanged ? held.referential : received,
    receivedAt: unchanged && held.receivedAt !== null ? held.receivedAt : receivedAt.toISOString(),
    etag,
  };
  await setDepartementReferential({ ...kept, receivedAt: kept.receivedAt as string });
  departementReferential.value = kept;
  inForce();
  return unchanged ? 'unchanged' : 'adopted';
}
