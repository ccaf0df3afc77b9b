import { describe, expect, it } from 'vitest';
import { interruptedMessage } from '../../src/state/sync';

describe('interruptedMessage', () => {
  it('ends with one full stop whatever the reason ends with', () => {
    expect(interruptedMessage("Le serveur a refusé l'envoi (erreur 500).")).toBe(
      "Envoi interrompu : le serveur a refusé l'envoi (erreur 500). Nouvel essai automatique.",
    );
    expect(interruptedMessage('la connexion au serveur a été coupée')).toBe(
      'Envoi interrompu : la connexion au serveur a été coupée. Nouvel essai automatique.',
    );
  });

  it('keeps a question mark and the capitals of an acronym', () => {
    expect(interruptedMessage('UAI inconnu du serveur ?')).toBe('Envoi interrompu : UAI inconnu du serveur ? Nouvel essai automatique.');
  });
});
