// A wide table scrolls inside its own region, which the keyboard can reach (WCAG 2.1.1), and the page itself
// never scrolls sideways (WCAG 1.4.10 exempts data tables, not the page around them).
import type { ComponentChildren } from 'preact';

export function TableRegion({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
