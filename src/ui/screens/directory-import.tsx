// Importing the official directory on the tablet: the Annuaire de l'éducation, and optionally the effectifs and the
// IPS files, with progress and a report of every refused line.
import { useEffect, useRef, useState } from 'preact/hooks';
import { importDirectory, type DirectoryImportResult } from '../../state/directory-import';
import { loadDirectorySettings, saveDirectorySettings } from '../../state/directory';
import { referential } from '../../state/referential';
import { annuaireCode } from '../../territory/territory-for';
import { count } from '../plural';

function Report({ result }: { result: DirectoryImportResult }) {
  const { report } = result.reading;
  const { merge } = result;
  const refused = [...report.refused, ...result.reading.effectifsRefused, ...result.reading.ipsRefused];
  return (
    <div>
      <p>
        Import terminé : {count(report.read, 'ligne lue', 'lignes lues')}, {count(report.kept, 'école retenue', 'écoles retenues')} (
        {count(merge.added, 'ajoutée', 'ajoutées')}, {count(merge.updated, 'mise à jour', 'mises à jour')}, {count(merge.unchanged, 'inchangée', 'inchangées')},
        dont {count(merge.closed, 'fermée', 'fermées')}), {count(report.skipped.length, 'ligne écartée', 'lignes écartées')},{' '}
        {count(refused.length, 'ligne refusée', 'lignes refusées')}.
        {merge.keptWithFiches > 0 && ` ${count(merge.keptWithFiches, 'école absente du fichier est conservée', 'écoles absentes du fichier sont conservées')} car des fiches s'y rattachent.`}
      </p>
      {refused.length > 0 && (
        <details>
          <summary>Lignes refusées</summary>
          <ul>{refused.slice(0, 200).map((r) => <li key={`${r.line}-${r.reason}`}>Ligne {r.line} : {r.reason}</li>)}</ul>
        </details>
      )}
      {report.skipped.length > 0 && (
        <details>
          <summary>Lignes écartées (autre département, école privée, maternelle…)</summary>
          <ul>{report.skipped.slice(0, 200).map((r) => <li key={`${r.line}-${r.reason}`}>Ligne {r.line} : {r.reason}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

export function DirectoryImport() {
  const [departement, setDepartement] = useState(() => annuaireCode(referential.value.territory.departement));
  const [maternelles, setMaternelles] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<DirectoryImportResult | 'cancelled' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => void loadDirectorySettings().then((s) => (s.departement && setDepartement(s.departement), setMaternelles(s.includeMaternelles))), []);

  const submit = async (event: Event & { currentTarget: HTMLFormElement }) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = (name: string) => {
      const value = form.get(name);
      return value instanceof File && value.size > 0 ? value : undefined;
    };
    const annuaire = file('annuaire');
    if (!/^\d{2,3}$|^2[AB]$/.test(departement.trim())) return setError('Département : saisissez son code, par exemple 013.');
    if (!annuaire) return setError("Fichier de l'annuaire : choisissez le fichier CSV de l'Annuaire de l'éducation.");
    setError(null);
    setResult(null);
    setProgress(0);
    const controller = (running.current = new AbortController());
    await saveDirectorySettings({ departement: departement.trim(), includeMaternelles: maternelles });
    const start = performance.now();
    try {
      const files = { annuaire, effectifs: file('effectifs'), ips: file('ips') };
      // Each school's chef de file: the référentiel's territory, or the generic one of another département typed here.
      const options = { departement: departement.trim(), includeMaternelles: maternelles, territory: referential.value.territory };
      const imported = await importDirectory(files, options, (done, total) => setProgress(total > 0 ? done / total : 1), controller.signal);
      setResult(imported ?? 'cancelled');
      if (imported) performance.measure('tne:directory-import', { start, end: performance.now() }); // read by bench/directory-import.ts
    } catch (problem) {
      setError(`L'import a échoué : ${problem instanceof Error ? problem.message : String(problem)}. L'annuaire de l'appareil n'a pas changé.`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <form class="fiche-form" onSubmit={(e) => void submit(e)} noValidate>
      <div class="field">
        <label htmlFor="annuaire">Annuaire de l'éducation (fichier CSV)</label>
        <input id="annuaire" name="annuaire" type="file" accept=".csv,text/csv" />
      </div>
      <div class="field">
        <label htmlFor="effectifs">Effectifs par école (CSV, facultatif)</label>
        <input id="effectifs" name="effectifs" type="file" accept=".csv,text/csv" />
      </div>
      <div class="field">
        <label htmlFor="ips">IPS des écoles (CSV, facultatif)</label>
        <input id="ips" name="ips" type="file" accept=".csv,text/csv" />
      </div>
      <div class="field">
        <label htmlFor="departement">Département</label>
        <input id="departement" type="text" inputMode="numeric" value={departement} onInput={(e) => setDepartement(e.currentTarget.value)} />
      </div>
      <label class="checkbox single">
        <input type="checkbox" checked={maternelles} onChange={(e) => setMaternelles(e.currentTarget.checked)} />
        <span>Inclure les écoles maternelles</span>
      </label>
      <div class="actions">
        <button type="submit" class="button" disabled={progress !== null}>Importer l'annuaire</button>
      </div>
      {progress !== null && (
        <>
          <p>
            <label htmlFor="progression-annuaire">Import en cours</label>{' '}
            <progress id="progression-annuaire" max={1} value={progress} />
          </p>
          <div class="actions">
            <button type="button" class="button secondary" onClick={() => running.current?.abort()}>Annuler l'import</button>
          </div>
        </>
      )}
      {error && <p role="alert" class="field-error">{error}</p>}
      <div role="status" id="rapport-annuaire">
        {result === 'cancelled' ? <p>Import annulé : l'annuaire de l'appareil n'a pas changé.</p> : result && <Report result={result} />}
      </div>
    </form>
  );
}
