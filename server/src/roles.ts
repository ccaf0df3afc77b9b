// The roles a token is given (sync.md "Roles and tokens") and what each route needs. A route lists the roles that
// may call it; a token of another role gets a whole-request 403 naming what its role may not do.

export const ROLES = ['auditeur', 'lecteur', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The role of a token made without one: the least that lets a tablet work. */
export const DEFAULT_ROLE: Role = 'auditeur';

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/** What a route needs: the roles that may call it, and, for the others, what they may not do and whom to ask. */
export interface Access {
  roles: readonly Role[];
  /** "d'envoyer des fiches": completes "Ce jeton (rôle lecteur) ne permet pas …". */
  action: string;
  /** "d'auditeur": completes "demandez à l'administrateur un jeton …". */
  askFor: string;
}

export const PUSH: Access = { roles: ['auditeur', 'admin'], action: "d'envoyer des fiches", askFor: "d'auditeur" };
export const PULL: Access = { roles: ROLES, action: 'de recevoir les fiches', askFor: "d'auditeur ou de lecteur" };
export const EXPORT: Access = { roles: ['lecteur', 'admin'], action: "d'exporter le tableau départemental", askFor: 'de lecteur' };
export const READ_REFERENTIAL: Access = { roles: ROLES, action: 'de lire le référentiel', askFor: "d'auditeur ou de lecteur" };
export const PUBLISH_REFERENTIAL: Access = { roles: ['admin'], action: 'de publier le référentiel', askFor: "d'administrateur (rôle admin)" };
export const PUT_ATTACHMENT: Access = { roles: ['auditeur', 'admin'], action: "d'envoyer des photos", askFor: "d'auditeur" };
export const GET_ATTACHMENT: Access = { roles: ROLES, action: 'de recevoir les photos', askFor: "d'auditeur ou de lecteur" };
export const HISTORY: Access = { roles: ['lecteur', 'admin'], action: "de consulter l'historique des fiches", askFor: 'de lecteur' };

/** The 403 message for `role` outside `access`: one sentence, which the device shows as it is. */
export function refusalMessage(role: Role, access: Access): string {
  return `Ce jeton (rôle ${role}) ne permet pas ${access.action} ; demandez à l'administrateur un jeton ${access.askFor}.`;
}
