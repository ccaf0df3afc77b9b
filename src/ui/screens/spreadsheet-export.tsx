// "Exporter le tableau départemental": the XLSX workbook, or one sheet as CSV, built on the device (offline too).
import { useState } from 'preact/hooks';
import { cancelExport, exportSpreadsheet, exportState, type ExportState } from '../../state/export';
import { campaign } from '../../state/session';
import { SHEET_NAMES, SHEET_SLUGS, type SheetSlug } from '../../export/sheet';
import { fileSize, percent } from '../format';
import { referential } from '../../state/referential';
import type { Territory } from '../../territory/territory';

const STEP_LABELS = {
  read: 'Lecture des fiches de l’appareil…',
  compute: 'Calcul des écarts au socle…',
  write: 'Écriture du classeur',
  done: 'Enregistrement du fichier…',
} as const;

function Status({ state }: { state: ExportState }) {
  if (state.status === 'running') {
    const { step, done, total } = state.progress;
    return (
      <p>
        <label htmlFor="progression-export">{step === 'write' ? `${STEP_LABELS.write} : ${percent(done, total)}` : STEP_LABELS[step]}</label>{' '}
        <progress id="progression-export" max={1} value={step === 'write' && total > 0 ? done / total : undefined} />
      </p>
    );
  }
  if (state.status === 'done') return <p>Fichier enregistré dans vos téléchargements : {state.fileName} ({fileSize(state.bytes)}).</p>;
  if (state.status === 'cancelled') return <p>Export annulé : aucun fichier n'a été enregistré, vos fiches ne sont pas modifiées.</p>;
  return null;
}

/** "la DSDEN, la Ville de Poitiers et le Conseil départemental de la Vienne": who the workbook is for. */
export function readersText(territory: Territory): string {
  // "de la Ville …" → "la Ville …", "du Conseil …" → "le Conseil …", "de l'Eurométropole …" → "l'Eurométropole …".
  const the = (withArticle: string) => withArticle.replace(/^du /, 'le ').replace(/^des /, 'les ').replace(/^de (la |l')/, '$1').replace(/^d'/, '');
  const readers = ['la DSDEN', ...territory.chefsDeFile.map((chef) => the(chef.labelWithArticle))];
  return `${readers.slice(0, -1).join(', ')} et ${readers.at(-1) ?? ''}`;
}

export function SpreadsheetExport() {
  const [sheet, setSheet] = useState<SheetSlug>('synthese');
  const state = exportState.value;
  const running = state.status === 'running';
  return (
    <section aria-labelledby="titre-export" class="spreadsheet-export">
      <h2 id="titre-export">Tableau départemental</h2>
      <p>
        Un classeur pour {readersText(referential.value.territory)} : feuilles Synthèse, Écoles, Classes, Besoins et
        Référentiel, avec les fiches de cet appareil pour la campagne {campaign.value}. L'export se fait sur l'appareil,
        même sans réseau.
      </p>
      <div class="actions">
        <button type="button" class="button" aria-disabled={running} onClick={() => void exportSpreadsheet('xlsx')}>
          Exporter le tableau départemental
        </button>
      </div>
      <div class="field">
        <label htmlFor="feuille-csv">Ou une seule feuille au format CSV (Excel en français)</label>
        <select id="feuille-csv" value={sheet} onChange={(e) => setSheet(e.currentTarget.value as SheetSlug)}>
          {SHEET_SLUGS.map((slug) => <option key={slug} value={slug}>{SHEET_NAMES[slug]}</option>)}
        </select>
      </div>
      <div class="actions">
        <button type="button" class="button secondary" aria-disabled={running} onClick={() => void exportSpreadsheet('csv', sheet)}>
          Exporter la feuille en CSV
        </button>
      </div>
      <div role="status" id="etat-export"><Status state={state} /></div>
      {running && (
        <div class="actions">
          <button type="button" class="button secondary" onClick={cancelExport}>Annuler l'export</button>
        </div>
      )}
      {state.status === 'failed' && (
        <p role="alert" class="field-error">
          L'export n'a pas abouti ; vos fiches ne sont pas modifiées. Réessayez ; si cela se reproduit, fermez les autres
          onglets pour libérer de la mémoire.
        </p>
      )}
    </section>
  );
}
