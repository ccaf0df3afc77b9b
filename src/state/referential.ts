// The référentiel in force on this device: v1 as shipped, or as edited in the settings (a new local version).
import { signal } from '@preact/signals';
import { getReferential, setReferential } from '../storage/prefs';
import { migrateReferential, nextLocalVersion, REFERENTIAL_V1, type Referential } from '../model/referential';

export const referential = signal<Referential>(REFERENTIAL_V1);

/** The référentiel kept on this device, brought up to this version (a parameter added since takes its default). */
export async function loadReferential(): Promise<void> {
  referential.value = migrateReferential(await getReferential());
}

/** Saves edited parameters, prices or targets as a new local version of the référentiel. */
export async function saveReferential(edited: Omit<Referential, 'version' | 'rules' | 'assumptions'>): Promise<Referential> {
  const next: Referential = {
    ...edited,
    rules: REFERENTIAL_V1.rules,
    assumptions: REFERENTIAL_V1.assumptions,
    version: nextLocalVersion(referential.value.version),
  };
  await setReferential(next);
  referential.value = next;
  return next;
}

/** Back to the référentiel as shipped. */
export async function resetReferential(): Promise<void> {
  await setReferential(REFERENTIAL_V1);
  referential.value = REFERENTIAL_V1;
}
