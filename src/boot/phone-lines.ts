// The agents' phones as the HTTP side sees them: Asterisk's SIP WebSocket from the PBX connection,
// the agents of agents.yaml, and credentials derived from the installation's secret.
import { agentSipCredential } from '../adapters/sip/agent-sip-credential.js';
import type { PhoneLines } from '../http/phone-lines.js';
import type { PbxConnection } from './pbx-resolution.js';

export function phoneLines(sip: NonNullable<PbxConnection['sip']>, agentIds: ReadonlySet<string>): PhoneLines {
  const secret = sip.agentSecret;
  return {
    pbxSocketUrl: sip.webSocketUrl,
    sipDomain: new URL(sip.webSocketUrl).hostname,
    hasAgent: (agentId) => agentIds.has(agentId),
    credential: (agentId, kind) => (secret === null ? null : agentSipCredential(secret, agentId, kind)),
  };
}
