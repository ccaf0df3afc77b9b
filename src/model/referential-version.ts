// A référentiel's version says where it comes from: `<year>.<n>` from the Département's server, and `-local.<n>` after
// it for a simulation made on a device in "Paramètres" (sync.md "Other endpoints"). Every screen and export made with
// a simulation says so.

/** "2026.1-local.2": a simulation, not the Département's référentiel. */
export function isSimulationVersion(version: string): boolean {
  return version.includes('-local.');
}

/** The Département's version a simulation started from: "2026.1-local.2" → "2026.1"; a server version as it is. */
export function simulationBase(version: string): string {
  return version.replace(/-local\.\d+$/, '');
}

/** What a printed document says after the version while a simulation is in force. */
export const SIMULATION_NOTE = 'simulation : paramètres modifiés sur cet appareil, pas ceux du Département';
