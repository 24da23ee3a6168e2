// What the HTTP side knows of the agents' phones: where Asterisk's SIP WebSocket is, which agents
// have phones, and each phone's SIP credential (derived, so null when the secret is not known here);
// and, in demo mode only, the citizen phone of the /phone page.
import type { AgentPhoneKind, AgentSipCredential } from '../adapters/sip/agent-sip-credential.js';
import { permits, relationsToPhone } from '../domain/auth/permissions.js';
import type { AuthUser } from '../domain/auth/roles.js';

export interface PhoneLines {
  /** Asterisk's SIP WebSocket (ws://…/ws on its loopback HTTP server). */
  readonly pbxSocketUrl: string;
  /** Other boxes' SIP WebSockets, tried in order when the first does not answer (a cluster's web node). */
  readonly fallbackSocketUrls?: readonly string[];
  /** The host SIP URIs of the phones name (Asterisk's own address as the server reaches it). */
  readonly sipDomain: string;
  /** Whether the agent is one Asterisk has phones for (agents.yaml). */
  hasAgent(agentId: string): boolean;
  /** The phone's credential, or null when this server does not know the agent SIP secret. */
  credential(agentId: string, kind: AgentPhoneKind): AgentSipCredential | null;
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

/** Why `user` has no phone to use here, or null: the one check of the credentials route and the socket. */
export function phoneRefusal(user: AuthUser, lines: PhoneLines): 'AUTH_FORBIDDEN' | 'PHONE_NOT_ASSIGNED' | null {
  if (!permits('phone.use', user, relationsToPhone(user))) return 'AUTH_FORBIDDEN';
  // An admin may use any phone, but has none unless their sign-in names an agent.
  return user.agentId === null || !lines.hasAgent(user.agentId) ? 'PHONE_NOT_ASSIGNED' : null;
}
