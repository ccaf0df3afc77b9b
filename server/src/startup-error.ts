// What an administrator reads when the server cannot start: in French, naming the path and the cause, never a stack
// trace. Node's, SQLite's and PostgreSQL's errors carry a code; ours (a file of a newer server) are already French
// sentences.
import { describeStoreLocation } from './store/open-store';

const CAUSES: Record<string, string> = {
  ENOENT: 'dossier introuvable',
  ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
  // What creating the folders says when one of them is a file.
  EEXIST: "un élément du chemin est un fichier, pas un dossier",
  EISDIR: "le chemin est celui d'un dossier, pas d'un fichier",
  EACCES: 'accès refusé (droits du dossier ou du fichier)',
  EPERM: 'opération non permise (droits du dossier ou du fichier)',
  EROFS: 'le système de fichiers est en lecture seule',
  ENOSPC: 'disque plein',
  SQLITE_FULL: 'disque plein',
  SQLITE_CANTOPEN: "le fichier ne peut pas être ouvert (dossier absent, chemin d'un dossier ou droits insuffisants)",
  SQLITE_NOTADB: "ce fichier n'est pas une base de données SQLite",
  SQLITE_CORRUPT: 'le fichier est endommagé : restaurez la dernière sauvegarde',
  SQLITE_READONLY: 'le fichier est en lecture seule',
  SQLITE_BUSY: 'la base est verrouillée par un autre programme',
  SQLITE_LOCKED: 'la base est verrouillée par un autre programme',
  SQLITE_IOERR: "erreur de lecture ou d'écriture sur le disque",
  SQLITE_PERM: 'accès refusé',
  // PostgreSQL (DATABASE_URL): reaching the server, then its SQLSTATE codes.
  ECONNREFUSED: "aucun serveur PostgreSQL n'écoute à cette adresse (arrêté, ou mauvais hôte ou port)",
  ENOTFOUND: "nom d'hôte inconnu",
  EAI_AGAIN: "nom d'hôte introuvable pour l'instant (DNS)",
  ETIMEDOUT: 'le serveur ne répond pas (délai dépassé)',
  ECONNRESET: 'connexion coupée par le serveur',
  '28P01': "mot de passe refusé pour cet utilisateur",
  '28000': 'connexion refusée par le serveur PostgreSQL (utilisateur inconnu ou non autorisé, pg_hba.conf)',
  '3D000': "cette base de données n'existe pas sur le serveur PostgreSQL (createdb)",
  '42501': "droits insuffisants de l'utilisateur PostgreSQL (créer les tables de la base)",
  '53300': 'trop de connexions au serveur PostgreSQL',
  '57P03': 'le serveur PostgreSQL démarre ou s’arrête, réessayez dans un instant',
  EADDRINUSE: 'un autre programme écoute déjà sur ce port',
  EADDRNOTAVAIL: "cette adresse n'est pas celle de la machine",
};

/** The cause of `error` in French: by its code (SQLITE_IOERR_WRITE is an SQLITE_IOERR), else its own message. */
export function frenchCause(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    const known = CAUSES[code] ?? Object.entries(CAUSES).find(([prefix]) => code.startsWith(`${prefix}_`))?.[1];
    return known === undefined ? `erreur inattendue ${code} (${String(message)})` : `${known} (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * "Impossible d'ouvrir la base de données /chemin/absolu : disque plein (SQLITE_FULL)." A PostgreSQL URL is named
 * without its password.
 */
export function storeOpenFailure(location: string, error: unknown): string {
  return `Impossible d'ouvrir la base de données ${describeStoreLocation(location)} : ${frenchCause(error).replace(/\.$/, '')}.`;
}

/** "Impossible d'écouter sur 127.0.0.1:4173 : un autre programme écoute déjà sur ce port (EADDRINUSE)." */
export function listenFailure(host: string, port: number, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  // Below 1024, a port needs the rights of an administrator: not a matter of files.
  const cause = code === 'EACCES' ? `port réservé à l'administrateur du système (${code})` : frenchCause(error);
  return `Impossible d'écouter sur ${host}:${port} : ${cause.replace(/\.$/, '')}.`;
}
