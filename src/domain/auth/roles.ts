// Who may do what. An agent answers calls and files their own tickets; a supervisor watches and
// steers the hotline; QA staff review calls and recordings; a handling unit (承办单位) works the
// orders dispatched to it; a kb-editor keeps the knowledge base (知识库) and reviews what units
// write for it; an admin manages everything.

export const ROLES = ['agent', 'supervisor', 'qa', 'unit', 'kb-editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Work a user is given beyond their role: `return-visits` = calls citizens back about replied orders (回访). */
export const DUTIES = ['return-visits'] as const;
export type Duty = (typeof DUTIES)[number];

export function isDuty(value: string): value is Duty {
  return (DUTIES as readonly string[]).includes(value);
}

export interface AuthUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** The ACD agent this user is, for role agent. */
  readonly agentId: string | null;
  readonly duties: readonly Duty[];
  /**
   * The handling unit (an id of the dispatch rules) this user signs in for, for role unit. Optional so
   * that every other user reads as before.
   */
  readonly unitId?: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Route permission: the roles named, and always admin. */
export function mayUse(user: AuthUser, roles: readonly Role[]): boolean {
  return user.role === 'admin' || roles.includes(user.role);
}
