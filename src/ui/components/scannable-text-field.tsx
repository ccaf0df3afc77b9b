// A text field with a "Scanner" button beside it (an inventory number printed as a barcode or a QR code on a
// sticker): the code read fills the field as if it had been typed, saved the same way, and stays editable.
// Nothing of the decoder is loaded until the button is pressed (src/scan).
import { useEffect, useRef, useState } from 'preact/hooks';
import { TextField } from './text-field';
import { ScanDialog } from './scan-dialog';
import './scannable-text-field.css';

interface Props {
  id: string;
  label: string;
  value: string | null;
  onChange: (value: string | null, editedAt: number) => void;
  error?: string | undefined;
  /** The button's accessible name, and the dialog's title: "Scanner le numéro d'inventaire". Starts with "Scanner". */
  scanLabel: string;
}

export function ScannableTextField({ scanLabel, ...field }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Where the focus goes once the dialog is gone: back to the button, or to the field a code just filled.
  const focusAfter = useRef<'button' | 'field' | null>(null);
  useEffect(() => {
    if (open || !focusAfter.current) return;
    const target = focusAfter.current === 'field' ? document.getElementById(field.id) : button.current;
    focusAfter.current = null;
    target?.focus();
  }, [open]);

  const close = (focus: 'button' | 'field') => {
    focusAfter.current = focus;
    setOpen(false);
  };
  const scanned = (text: string) => {
    field.onChange(text, performance.now());
    close('field');
  };
  return (
    <div class="scannable-field">
      <TextField {...field} nullable />
      <button type="button" ref={button} class="button secondary" aria-label={scanLabel} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Scanner
      </button>
      {open && <ScanDialog title={scanLabel} onScanned={scanned} onClose={() => close('button')} />}
    </div>
  );
}
