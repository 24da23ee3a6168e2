// The agents' phones as the HTTP side sees them: Asterisk's SIP WebSocket from the PBX connection,
// the agents of agents.yaml, and credentials derived from the installation's secret; in demo mode
// (the embedded Asterisk) also the citizen phone of the /phone page.
import { citizenSipCredential, webPhoneCredential } from '../adapters/sip/agent-sip-credential.js';
import { CITIZEN_ENDPOINT } from '../domain/phone/citizen-endpoint.js';
import type { PhoneLines } from '../http/phone-lines.js';
import type { PbxConnection } from './pbx-resolution.js';

export interface PhoneLineOptions {
  /** Demo mode (the embedded Asterisk, HOTLINE_PBX=local): the citizen phone page is served. */
  readonly citizenPhone: boolean;
  /** Other boxes' SIP WebSockets, for when the first does not answer. */
  readonly fallbackSocketUrls?: readonly string[];
  /** Monitoring rings the supervisors' wallboard phones (else they have none). */
  readonly supervisorPhones?: boolean;
}

export function phoneLines(sip: NonNullable<PbxConnection['sip']>, agentIds: ReadonlySet<string>, options: PhoneLineOptions = { citizenPhone: false }): PhoneLines {
  const secret = sip.agentSecret;
  return {
    pbxSocketUrl: sip.webSocketUrl,
    fallbackSocketUrls: options.fallbackSocketUrls ?? [],
    sipDomain: new URL(sip.webSocketUrl).hostname,
    hasAgent: (agentId) => agentIds.has(agentId),
    supervisorPhones: options.supervisorPhones ?? false,
    credential: (owner) => (secret === null ? null : webPhoneCredential(secret, owner)),
    citizen: options.citizenPhone ? { endpoint: CITIZEN_ENDPOINT, credential: () => (secret === null ? null : citizenSipCredential(secret)) } : null,
  };
}
