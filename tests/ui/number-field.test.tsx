import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { NumberField, parseNumber } from '../../src/ui/components/number-field';

function Host({ decimal = false, initial = null as number | null }) {
  const [value, setValue] = useState<number | null>(initial);
  return (
    <>
      <NumberField id="n" label="Mesure" value={value} decimal={decimal} onChange={(v) => setValue(v)} />
      <output>{String(value)}</output>
      <button type="button" onClick={() => setValue(7)}>
        Mettre 7
      </button>
    </>
  );
}

const input = () => screen.getByLabelText('Mesure') as HTMLInputElement;
const reported = () => document.querySelector('output')?.textContent;

afterEach(cleanup);

describe('NumberField', () => {
  it('reports a whole number typed', () => {
    render(<Host />);
    fireEvent.input(input(), { target: { value: '41' } });
    expect(input().value).toBe('41');
    expect(reported()).toBe('41');
  });

  it('reports an emptied field as not recorded', () => {
    render(<Host initial={12} />);
    expect(input().value).toBe('12');
    fireEvent.input(input(), { target: { value: '' } });
    expect(reported()).toBe('null');
  });

  it('takes a decimal comma and keeps one separator only', () => {
    render(<Host decimal />);
    fireEvent.input(input(), { target: { value: '7,5,2' } });
    expect(input().value).toBe('7,52');
    expect(reported()).toBe('7.52');
    expect(input().getAttribute('inputmode')).toBe('decimal');
  });

  it('keeps "8," on screen while the decimals are being typed', () => {
    render(<Host decimal />);
    fireEvent.input(input(), { target: { value: '8,' } });
    expect(input().value).toBe('8,');
    expect(reported()).toBe('8');
  });

  it('says, politely, that letters are not accepted until the field is left, and keeps the digits typed', () => {
    render(<Host />);
    fireEvent.input(input(), { target: { value: '4a1' } });
    expect(input().value).toBe('41');
    expect(reported()).toBe('41');
    const note = document.getElementById('n-note') as HTMLElement;
    expect(note.textContent).toBe("Mesure : seuls des chiffres sont acceptés, « a » n'a pas été gardé.");
    expect(note.getAttribute('aria-live')).toBe('polite');
    expect(input().getAttribute('aria-describedby')).toBe('n-note');
    fireEvent.input(input(), { target: { value: '412' } });
    expect(note.textContent).toBe("Mesure : seuls des chiffres sont acceptés, « a » n'a pas été gardé.");
    fireEvent.blur(input());
    expect(note.textContent).toBe('');
    expect(input().getAttribute('aria-describedby')).toBeNull();
  });

  it('says what a decimal field accepts when a word is pasted into it', () => {
    render(<Host decimal />);
    fireEvent.input(input(), { target: { value: '8 Go' } });
    expect(input().value).toBe('8');
    expect(reported()).toBe('8');
    expect(screen.getByText("Mesure : seuls des chiffres et une virgule sont acceptés, « Go » n'a pas été gardé.")).toBeTruthy();
  });

  it('shows a value changed from outside', () => {
    render(<Host />);
    fireEvent.click(screen.getByRole('button', { name: 'Mettre 7' }));
    expect(input().value).toBe('7');
  });

  it('parses French and English decimals alike', () => {
    expect(parseNumber('2,5')).toBe(2.5);
    expect(parseNumber('2.5')).toBe(2.5);
    expect(parseNumber(' ')).toBeNull();
  });
});
