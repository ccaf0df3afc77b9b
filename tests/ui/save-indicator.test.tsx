// The save indicator of the fiche forms: "Enregistré" says what the saved fiche holds when fields need correcting.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { SaveIndicator } from '../../src/ui/components/save-indicator';

afterEach(cleanup);

function show(errorCount: number) {
  const autosave = { phase: signal('saved' as const), errorMessage: signal(null) };
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
