// One figure of progress towards a target: a sentence a reader can read aloud, and a bar that it labels.
import { integer } from '../format';

const SHARE = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/** "0,4 %" as French readers write it; a count that is not zero never reads "0 %" ("moins de 0,1 %"). */
export function shareOf(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const ratio = part / whole;
  return part > 0 && ratio < 0.0005 ? `moins de ${SHARE.format(0.001)}` : SHARE.format(ratio);
}

interface Props {
  id: string;
  label: string;
  value: number;
  /** Null: the Département has not set it; the figure is shown without a bar. */
  target: number | null;
  /** What the target counts, when the label does not say it ("à équiper"). */
  unit?: string;
  /** What the figure counts, or the figures that go with it. */
  detail?: string;
}

export function TargetProgress({ id, label, value, target, unit, detail }: Props) {
  if (target === null) {
    return (
      <div class="progress">
        <p id={id}>
          {label} : <strong>{integer(value)}</strong> (objectif non fixé).{detail ? ` ${detail}` : ''}
        </p>
      </div>
    );
  }
  return (
    <div class="progress">
      <p id={id}>
        {label} : <strong>{integer(value)}</strong> sur {integer(target)}
        {unit ? ` ${unit}` : ''} ({shareOf(value, target)}).{detail ? ` ${detail}` : ''}
      </p>
      <progress aria-labelledby={id} max={Math.max(target, 1)} value={Math.min(value, target)} />
    </div>
  );
}
