// What every chart shares: a <figure> whose caption names it, the drawing (aria-hidden: the table says it all), a
// note read by everyone, and the data as a table in a <details> "Voir les données", opened when printed (charts.css).
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import './charts.css';

interface Props {
  caption: string;
  /** The drawing: hidden from screen readers, which read the table. */
  children: ComponentChildren;
  /** A sentence under the drawing (a legend, what is left out), read by everyone. */
  note?: ComponentChildren;
  /** The <thead> and <tbody> (and <tfoot>) of the data table. */
  table: ComponentChildren;
}

export function ChartFigure({ caption, children, note, table }: Props) {
  const id = useId();
  return (
    <figure class="chart" aria-labelledby={id}>
      <figcaption id={id}>{caption}</figcaption>
      <div class="chart-drawing" aria-hidden="true">
        {children}
      </div>
      {note && <p class="chart-note">{note}</p>}
      <details class="chart-data">
        <summary>
          <span class="chart-data-label">Voir les données</span>
          <span class="visually-hidden"> : {caption}</span>
        </summary>
        <div class="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
          <table aria-labelledby={id}>{table}</table>
        </div>
      </details>
    </figure>
  );
}

export interface BarRowView {
  key: string;
  label: string;
  /** 0 to 1; null: nothing to draw, `missing` says why in words. */
  share: number | null;
  /** Written after the bar (none when `share` is null). */
  value: string;
  missing?: string;
}

/**
 * Horizontal bars, one per row: the label on its own line (it wraps at 360 px), then the bar in a track as wide for
 * every row, and its figure after the track, so that it is never cut nor drawn over the bar whatever the width. The
 * bar is a dark fill in a light track with a border: readable in black and white and in forced colours.
 */
export function BarRows({ rows }: { rows: readonly BarRowView[] }) {
  return (
    <div class="chart-bars">
      {rows.map((row) => (
        <div class="chart-row" key={row.key}>
          <span class="chart-label">{row.label}</span>
          {row.share === null ? (
            <span class="chart-missing">{row.missing}</span>
          ) : (
            <>
              <svg class="chart-bar" width="100%" height="100%" focusable="false">
                <rect class="chart-track" x="0" y="0" width="100%" height="100%" />
                <rect class="chart-fill" x="0" y="0" width={`${(100 * Math.min(1, Math.max(0, row.share))).toFixed(2)}%`} height="100%" />
              </svg>
              <span class="chart-value">{row.value}</span>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
