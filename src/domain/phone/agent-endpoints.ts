// The names of an agent's phones in the phone system: a SIP handset and the browser phone of the
// agent desktop. One place, so the configuration, the credentials and the routing agree.

/** The two phones an agent may have: a SIP handset and the browser phone of the agent desktop. */
export type AgentPhoneKind = 'handset' | 'web';

const ENDPOINT_SUFFIX: Readonly<Record<AgentPhoneKind, string>> = { handset: '', web: '-web' };

export function agentEndpointName(agentId: string, kind: AgentPhoneKind): string {
  return `agent-${agentId}${ENDPOINT_SUFFIX[kind]}`;
}
