// Whose browser phone a signed-in user has: an agent's (agent-<id>-web, the desktop's) or a
// supervisor's (supervisor-<user id>-web, the wallboard's, rung to monitor calls). One rule, so the
// rendered configuration, the credentials route and the /sip relay agree on who has which phone.
import type { AuthUser, Role } from '../auth/roles.js';
import { agentEndpointName } from './agent-endpoints.js';

export type WebPhoneOwner = { readonly kind: 'agent'; readonly agentId: string } | { readonly kind: 'supervisor'; readonly userId: string };

/** Roles whose users (naming no agent) get a wallboard phone: supervisors, and admins who monitor too. */
export function hasSupervisorPhone(user: Pick<AuthUser, 'role' | 'agentId'>): boolean {
  const roles: readonly Role[] = ['supervisor', 'admin'];
  return user.agentId === null && roles.includes(user.role);
}

/** The browser phone of `user`, or null (QA has none). A user naming an agent has that agent's. */
export function webPhoneOwnerOf(user: Pick<AuthUser, 'id' | 'role' | 'agentId'>): WebPhoneOwner | null {
  if (user.agentId !== null) return { kind: 'agent', agentId: user.agentId };
  return hasSupervisorPhone(user) ? { kind: 'supervisor', userId: user.id } : null;
}

/**
 * Whether a centre's supervisor endpoint template rings the wallboard's browser phone: only then do
 * supervisors have one (otherwise their wallboard would ask for a microphone it never uses).
 */
export function ringsWallboardPhone(supervisorEndpoint: string): boolean {
  return supervisorEndpoint.startsWith(`PJSIP/${supervisorEndpointName('{supervisor}')}`);
}

export function supervisorEndpointName(userId: string): string {
  return `supervisor-${userId}-web`;
}

export function webPhoneEndpoint(owner: WebPhoneOwner): string {
  return owner.kind === 'agent' ? agentEndpointName(owner.agentId, 'web') : supervisorEndpointName(owner.userId);
}
