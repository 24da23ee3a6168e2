// What the HTTP side knows of the agents' phones: where Asterisk's SIP WebSocket is, which agents
// have phones, and each phone's SIP credential (derived, so null when the secret is not known here);
// and, in demo mode only, the citizen phone of the /phone page.
import type { AgentSipCredential } from '../adapters/sip/agent-sip-credential.js';
import { permits, relationsToPhone } from '../domain/auth/permissions.js';
import type { AuthUser } from '../domain/auth/roles.js';
import { webPhoneEndpoint, webPhoneOwnerOf, type WebPhoneOwner } from '../domain/phone/web-phone.js';

export interface PhoneLines {
  /** Asterisk's SIP WebSocket (ws://…/ws on its loopback HTTP server). */
  readonly pbxSocketUrl: string;
  /** Other boxes' SIP WebSockets, tried in order when the first does not answer (a cluster's web node). */
  readonly fallbackSocketUrls?: readonly string[];
  /** The host SIP URIs of the phones name (Asterisk's own address as the server reaches it). */
  readonly sipDomain: string;
  /** Whether the agent is one Asterisk has phones for (agents.yaml). */
  hasAgent(agentId: string): boolean;
  /** Whether supervisors' wallboards have a browser phone: monitoring rings it (HOTLINE_SUPERVISOR_ENDPOINT). */
  readonly supervisorPhones: boolean;
  /** The browser phone's credential (an agent's or a supervisor's), or null when this server does not know the agent SIP secret. */
  credential(owner: WebPhoneOwner): AgentSipCredential | null;
  /**
   * The demo citizen's phone (the /phone page, its credential and its socket): present only in demo
   * mode (the embedded Asterisk), null otherwise, and then the page, the route and the socket are not.
   */
  readonly citizen: CitizenLine | null;
}

export interface CitizenLine {
  /** The citizen's endpoint (citizen-web), the only one its socket may make requests as. */
  readonly endpoint: string;
  /** Its credential, or null when this server does not know the installation's secret. */
  credential(): AgentSipCredential | null;
}

/** The path browsers open the phone's WebSocket on (subprotocol sip). */
export const PHONE_SOCKET_PATH = '/sip';

/** The path the citizen phone page opens its socket on (demo mode only; no sign-in). */
export const CITIZEN_SOCKET_PATH = '/sip/citizen';

export type PhoneAdmission = { readonly ok: true; readonly owner: WebPhoneOwner } | { readonly ok: false; readonly code: 'AUTH_FORBIDDEN' | 'PHONE_NOT_ASSIGNED' };

/**
 * The browser phone `user` may use here, or why none: the one check of the credentials route and
 * the socket. An agent's is their agent's (when agents.yaml has it); a supervisor's (or an admin's
 * naming no agent) is their wallboard phone, rendered for every such user of the users file, when
 * monitoring rings it.
 */
export function phoneOfUser(user: AuthUser, lines: PhoneLines): PhoneAdmission {
  if (!permits('phone.use', user, relationsToPhone(user))) return { ok: false, code: 'AUTH_FORBIDDEN' };
  const owner = webPhoneOwnerOf(user);
  if (owner === null || (owner.kind === 'agent' && !lines.hasAgent(owner.agentId)) || (owner.kind === 'supervisor' && !lines.supervisorPhones)) return { ok: false, code: 'PHONE_NOT_ASSIGNED' };
  return { ok: true, owner };
}

/** The audit log's target for a user's phone: the agent for an agent's phone (as before), else the endpoint. */
export function phoneAuditTarget(user: AuthUser): string {
  const owner = webPhoneOwnerOf(user);
  if (owner === null) return 'phone:none';
  return owner.kind === 'agent' ? `phone:${owner.agentId}` : `phone:${webPhoneEndpoint(owner)}`;
}
