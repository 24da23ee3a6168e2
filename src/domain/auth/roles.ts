// Who may do what. An agent answers calls and files their own tickets; a supervisor watches and
// steers the hotline; QA staff review calls and recordings; an admin manages everything.

export const ROLES = ['agent', 'supervisor', 'qa', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** The ACD agent this user is, for role agent. */
  readonly agentId: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Route permission: the roles named, and always admin. */
export function mayUse(user: AuthUser, roles: readonly Role[]): boolean {
  return user.role === 'admin' || roles.includes(user.role);
}
