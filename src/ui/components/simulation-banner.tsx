// While a simulation is in force (parameters edited in "Paramètres" on this device), every screen says so: its
// figures are not the Département's. One button goes back to the Département's référentiel.
import { simulationBase } from '../../model/referential-version';

export interface SimulationBannerProps {
  /** The simulation's version ("2026.1-local.1"). */
  version: string;
  /** The Département's version now held, when the simulation started from an older one; else null. */
  newerDepartementVersion: string | null;
  onBack: () => void;
}

export function SimulationBanner({ version, newerDepartementVersion, onBack }: SimulationBannerProps) {
  return (
    <div class="update-banner simulation-banner" role="region" aria-label="Simulation">
      <p>
        Simulation : paramètres modifiés sur cet appareil (version {version}), les chiffres ne sont pas ceux du Département.
        {newerDepartementVersion !== null &&
          ` Elle part de la version ${simulationBase(version)} ; le Département a depuis publié la version ${newerDepartementVersion}.`}
      </p>
      <div class="actions">
        <button type="button" class="button secondary" onClick={onBack}>
          Revenir au référentiel du Département
        </button>
      </div>
    </div>
  );
}
