// Shown when a fiche cannot be read from the device's storage.

export function OpenFailed({ back }: { back: string }) {
  return (
    <main id="contenu">
      <h1>Fiche illisible pour l'instant</h1>
      <p role="alert">
        La fiche n'a pas pu être lue sur l'appareil. Rechargez la page ; rien de ce qui a été enregistré n'est perdu.
      </p>
      <a href={back}>Retour</a>
    </main>
  );
}
