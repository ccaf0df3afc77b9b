// The printed fiche's costed needs: one line per article (school and classrooms together), "non chiffré" where the
// référentiel has no price, the total of what is priced, and the State's estimated share of it.
import type { Need } from '../../gaps/types';
import type { FundingRule } from '../../model/referential';
import { euros, eurosCents, integer } from '../format';
import { count } from '../plural';
import { TableRegion } from './table-region';
import { needsByItem } from './needs-text';
import { NeedLines } from './need-lines';

/** What the State's share is computed from: the collectivité that pays, and all it needs across the département. */
export interface StateShareBasis {
  /** "Ville de Marseille", or "hors annuaire". */
  chefDeFile: string;
  /** Everything the chef de file's schools need, priced, HT. */
  chefDeFileCostHt: number;
  funding: FundingRule;
  rate: number;
}

const percentText = (rate: number) => `${integer(Math.round(rate * 100))} %`;

/** "Part État estimée : 1 890 € (70 % du montant chiffré) …", with why that rate; null while it is computed. */
function StateShare({ costHt, unpricedItems, basis }: { costHt: number; unpricedItems: number; basis: StateShareBasis | null }) {
  if (!basis) return <p>Part État estimée : en cours de calcul.</p>;
  const below = basis.chefDeFileCostHt < basis.funding.equipmentThresholdHt;
  const share = Math.round(costHt * basis.rate * 100) / 100;
  return (
    <p class="fiche-state-share">
      <strong>Part État estimée : {euros(share)}</strong>, soit {percentText(basis.rate)} du montant chiffré. Taux retenu parce que le besoin
      chiffré de l'ensemble des écoles recensées du chef de file ({basis.chefDeFile} : {euros(basis.chefDeFileCostHt)} HT) est{' '}
      {below ? 'inférieur' : 'égal ou supérieur'} à {euros(basis.funding.equipmentThresholdHt)} HT.
      {unpricedItems > 0 && ' Les articles non chiffrés ne sont pas comptés.'}
    </p>
  );
}

interface Props {
  needs: readonly Need[];
  costHt: number;
  basis: StateShareBasis | null;
}

export function FicheNeeds({ needs, costHt, basis }: Props) {
  const lines = needsByItem(needs);
  // Counted as the table lists them, an article once whatever the number of classrooms that need it (the gap
  // engine's count, one per classroom, could not be found in the table).
  const unpricedItems = lines.filter((n) => n.amountHt === null).length;
  if (lines.length === 0) return <p>Aucun besoin recensé pour l'instant.</p>;
  return (
    <>
      <TableRegion labelledBy="fiche-besoins">
        <table class="fiche-table fiche-needs">
          <NeedLines lines={lines} />
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>Total HT</th>
              <td class="number">
                {eurosCents(costHt)}
                {unpricedItems > 0 && <span class="fiche-unpriced"> + {count(unpricedItems, 'article non chiffré', 'articles non chiffrés')}</span>}
              </td>
            </tr>
          </tfoot>
        </table>
      </TableRegion>
      <StateShare costHt={costHt} unpricedItems={unpricedItems} basis={basis} />
    </>
  );
}
