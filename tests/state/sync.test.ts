import { describe, expect, it } from 'vitest';
import { interruptedMessage, restoreOutcome } from '../../src/state/sync';

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

describe('restoreOutcome', () => {
  it('counts the fiches received when the run went through, or when only the push was refused', () => {
    expect(restoreOutcome({ kind: 'done' }, 124)).toEqual({ ok: true, received: 124 });
    expect(restoreOutcome({ kind: 'forbidden', message: 'Ce jeton (rôle lecteur) ne permet pas d’envoyer des fiches.', pulled: true }, 124)).toEqual({ ok: true, received: 124 });
  });

  it('says in French why nothing was received, and that a cut pull resumes by itself', () => {
    expect(restoreOutcome({ kind: 'later', retryAfterMs: undefined, reason: 'offline' }, 0)).toEqual({
      ok: false,
      message: 'Fiches non récupérées : serveur injoignable. Réessayez une fois la tablette connectée au réseau.',
    });
    expect(restoreOutcome({ kind: 'auth' }, 0)).toEqual({ ok: false, message: "Fiches non récupérées : le serveur n'accepte pas ce jeton d'accès." });
    expect(restoreOutcome({ kind: 'auth', message: 'Jeton révoqué le 02/12/2026 : demandez un nouveau jeton à l’administrateur.' }, 0)).toEqual({
      ok: false,
      message: 'Fiches non récupérées : jeton révoqué le 02/12/2026 : demandez un nouveau jeton à l’administrateur.',
    });
    expect(restoreOutcome({ kind: 'forbidden', message: "Ce jeton ne permet pas l'envoi." }, 0)).toEqual({
      ok: false,
      message: "Fiches non récupérées : ce jeton ne permet pas l'envoi.",
    });
    expect(restoreOutcome({ kind: 'later', retryAfterMs: 5000, reason: 'Le serveur est surchargé (erreur 503).' }, 500)).toEqual({
      ok: false,
      message: "Récupération interrompue : le serveur est surchargé (erreur 503). Elle reprendra d'elle-même à la prochaine synchronisation.",
    });
  });
});
