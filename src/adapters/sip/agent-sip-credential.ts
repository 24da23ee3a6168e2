// Each agent phone's SIP password, derived from one secret per installation: HMAC-SHA256 of the
// endpoint's name. Nothing per agent is stored, a new agent gets a password by being in agents.yaml,
// and one agent's password opens no other agent's phone (nor the same agent's other phone).
import { createHmac } from 'node:crypto';
import { agentEndpointName, type AgentPhoneKind } from '../../domain/phone/agent-endpoints.js';
import { CITIZEN_ENDPOINT } from '../../domain/phone/citizen-endpoint.js';
import { webPhoneEndpoint, type WebPhoneOwner } from '../../domain/phone/web-phone.js';

export { agentEndpointName, type AgentPhoneKind };

export interface AgentSipCredential {
  /** The PJSIP endpoint, aor and auth name, which is also the SIP user and the auth user. */
  readonly endpoint: string;
  readonly password: string;
}

// A label in the HMAC input, so the same secret could derive other things without their colliding.
const PURPOSE = 'hotline-cti agent SIP password v1';

export function agentSipCredential(installationSecret: string, agentId: string, kind: AgentPhoneKind): AgentSipCredential {
  return endpointCredential(installationSecret, agentEndpointName(agentId, kind));
}

/** A user's browser phone: an agent's (as above) or a supervisor's wallboard phone, derived the same way. */
export function webPhoneCredential(installationSecret: string, owner: WebPhoneOwner): AgentSipCredential {
  return endpointCredential(installationSecret, webPhoneEndpoint(owner));
}

/** The demo citizen's browser phone (citizen-web), derived the same way: its name is no agent's. */
export function citizenSipCredential(installationSecret: string): AgentSipCredential {
  return endpointCredential(installationSecret, CITIZEN_ENDPOINT);
}

function endpointCredential(installationSecret: string, endpoint: string): AgentSipCredential {
  if (installationSecret.length < 16) throw new Error('the agent SIP secret must be at least 16 characters');
  // 24 base64url characters: 144 bits, and nothing a SIP stack or a config file must escape.
  const password = createHmac('sha256', installationSecret).update(`${PURPOSE}\n${endpoint}`).digest('base64url').slice(0, 24);
  return { endpoint, password };
}
