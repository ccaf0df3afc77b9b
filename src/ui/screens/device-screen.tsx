// This device: is its data protected, how full is it, and the backup file that carries audits without network.
import { useEffect, useState } from 'preact/hooks';
import { downloadBackup, importBackupFile, type ImportReport } from '../../state/device';
import { refreshStorageStatus, storageStatus, STORAGE_WARNING_RATIO } from '../../state/persistence';
import { freeUploadedPhotos, photoSpace, PHOTO_QUOTA_RATIO } from '../../state/photo-space';
import { count } from '../plural';
import { fileSize } from '../format';
import { SyncSettings } from './sync-settings';
import { DirectoryImport } from './directory-import';
import { DevicePhotos } from '../components/device-photos';

/** Freeing photos changes the storage's figures that the section above shows too. */
async function freePhotos() {
  const freed = await freeUploadedPhotos();
  void refreshStorageStatus();
  return freed;
}

function StorageState() {
  const status = storageStatus.value;
  if (!status) return <p aria-busy="true">Lecture de l'état du stockage…</p>;
  const ratio = status.usage !== null && status.quota ? status.usage / status.quota : null;
  return (
    <>
      <p>
        {status.persisted === true
          ? 'Stockage protégé : le navigateur conservera les données de cette application.'
          : status.persisted === false
            ? "Stockage non protégé : le navigateur pourrait effacer les données s'il manque de place. Exportez régulièrement une sauvegarde."
            : "Ce navigateur ne dit pas si le stockage est protégé. Exportez régulièrement une sauvegarde."}
      </p>
      {status.usage !== null && status.quota !== null && (
        <p>
          Espace utilisé : {fileSize(status.usage)} sur {fileSize(status.quota)} ({Math.round((ratio ?? 0) * 100)} %).
        </p>
      )}
      {ratio !== null && ratio > STORAGE_WARNING_RATIO && (
        <p role="alert" class="warning">
          Attention : l'espace de stockage est presque plein. Exportez une sauvegarde et synchronisez dès que possible.
        </p>
      )}
    </>
  );
}

function Report({ report }: { report: ImportReport }) {
  if (!report.ok) return <p class="field-error">{report.message}</p>;
  return (
    <div>
      <p>
        Import terminé : {count(report.added, 'fiche ajoutée', 'fiches ajoutées')}, {count(report.updated, 'fiche mise à jour', 'fiches mises à jour')},{' '}
        {count(report.skipped, 'fiche ignorée', 'fiches ignorées')} (déjà à jour ou plus récente{report.skipped > 1 ? 's' : ''} sur l'appareil),{' '}
        {count(report.conflicts.length, 'fiche refusée', 'fiches refusées')}.
      </p>
      {report.conflicts.length > 0 && (
        <ul>
          {report.conflicts.map((c) => (
            <li key={c.id}>
              Fiche {c.id} (révision {c.rev} dans le fichier) : cet appareil en détient une autre version, modifiée ici ou
              différente ; la version de l'appareil est conservée.
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function DeviceScreen() {
  const [report, setReport] = useState<ImportReport | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  useEffect(() => void refreshStorageStatus(), []);
  const onFile = async (event: Event & { currentTarget: HTMLInputElement }) => {
    // currentTarget is null once the handler has awaited: keep the input itself.
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setReport(await importBackupFile(await file.text()));
    input.value = ''; // the same file can be picked again
    void refreshStorageStatus();
  };
  return (
    <main id="contenu" class="form-screen">
      <h1>Données de l'appareil</h1>
      <section aria-labelledby="s-stockage">
        <h2 id="s-stockage">Stockage</h2>
        <StorageState />
      </section>
      <section aria-labelledby="s-photos">
        <h2 id="s-photos">Photos sur cet appareil</h2>
        <DevicePhotos load={photoSpace} free={freePhotos} limitRatio={PHOTO_QUOTA_RATIO} />
      </section>
      <section aria-labelledby="s-synchronisation">
        <h2 id="s-synchronisation">Synchronisation</h2>
        <SyncSettings />
      </section>
      <section aria-labelledby="s-annuaire">
        <h2 id="s-annuaire">Annuaire des écoles</h2>
        <p>
          Importez les fichiers ouverts de l'Éducation nationale : l'annuaire (obligatoire), les effectifs et l'IPS des
          écoles. Un nouvel import met l'annuaire à jour sans jamais toucher aux fiches.
        </p>
        <DirectoryImport />
      </section>
      <section aria-labelledby="s-sauvegarde">
        <h2 id="s-sauvegarde">Sauvegarde</h2>
        <p>
          Le fichier de sauvegarde contient toutes les fiches de l'appareil, les modifications pas encore envoyées et les
          réglages (jamais le jeton d'accès). Il permet de transmettre des audits sans réseau.
        </p>
        <div class="actions">
          <button type="button" class="button" onClick={async () => setExported(await downloadBackup())}>
            Exporter les données de l'appareil
          </button>
        </div>
        <p role="status">{exported && `Sauvegarde enregistrée : ${exported}.`}</p>
        <div class="field">
          <label htmlFor="import-sauvegarde">Importer une sauvegarde (fichier .json)</label>
          <input id="import-sauvegarde" type="file" accept="application/json,.json" onChange={(e) => void onFile(e)} />
        </div>
        <div role="status" id="rapport-import">{report && <Report report={report} />}</div>
      </section>
    </main>
  );
}
