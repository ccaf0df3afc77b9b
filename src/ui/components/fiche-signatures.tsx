// The printed fiche's signature block: the director, the collectivité and the auditor each write their name, the
// date and sign in a box.
interface Signatory {
  title: string;
  /** Printed on the name line when known (the auditor's, from the school fiche). */
  name?: string | undefined;
}

export function FicheSignatures({ signatories }: { signatories: readonly Signatory[] }) {
  return (
    <ul class="fiche-signatures">
      {signatories.map((s) => (
        <li key={s.title}>
          <p class="fiche-signatory">{s.title}</p>
          <p>Nom : {s.name ?? ''}</p>
          <p>Date :</p>
          <p>Signature :</p>
          <div class="fiche-signature-box" />
        </li>
      ))}
    </ul>
  );
}
