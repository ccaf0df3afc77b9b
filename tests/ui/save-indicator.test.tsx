// The save indicator of the fiche forms: "Enregistré" says what the saved fiche holds when fields need correcting.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { SaveIndicator } from '../../src/ui/components/save-indicator';
import { Autosave } from '../../src/state/autosave';
import { makeClassroomData } from '../../src/model/make';

afterEach(cleanup);

function show(errorCount: number) {
  const ref = { id: crypto.randomUUID(), kind: 'classroom' as const, uai: '0130541T', campaign: '2026-2027' };
  const autosave = new Autosave({ ref, author: { name: 'Camille Martin', role: 'erun' }, initial: makeClassroomData() });
  render(<SaveIndicator autosave={autosave} errorCount={errorCount} />);
  return screen.getByRole('status');
}

describe('SaveIndicator', () => {
  it('says "Enregistré" when every field is correct', () => {
    expect(show(0).textContent).toBe('Enregistré');
  });

  it('says what was saved when fields need correcting: their last correct value is kept', () => {
    const status = show(2);
    expect(status.textContent).toBe('Enregistré, sauf 2 champs à corriger : leur dernière valeur correcte est conservée');
    expect(status.className).toBe('save-partial');
  });

  it('speaks of one field in the singular', () => {
    expect(show(1).textContent).toBe('Enregistré, sauf 1 champ à corriger : sa dernière valeur correcte est conservée');
  });
});
