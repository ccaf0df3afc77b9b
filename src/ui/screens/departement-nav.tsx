// The département's three pages, one section of the main navigation ("Département"): its figures, the schools to
// equip first, and the equipment plan. A second row of the header would not fit a phone's quarter of a screen.
import { routeHash, type Route } from '../../state/route';

const PAGES: ReadonlyArray<readonly [Route['screen'], string]> = [
  ['departement', 'Chiffres'],
  ['priorites', 'Priorités'],
  ['plan', "Plan d'équipement"],
];

export function DepartementNav({ current }: { current: 'departement' | 'priorites' | 'plan' }) {
  return (
    <nav class="section-nav no-print" aria-label="Pages du département">
      <ul>
        {PAGES.map(([screen, label]) => (
          <li key={screen}>
            <a href={routeHash({ screen } as Route)} aria-current={current === screen ? 'page' : undefined}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
