// Which phone rings for an agent: the agent's line while it is up (the call is put through on it),
// the browser phone of the agent desktop while it is registered (the agent is at the desk), else a simulated handset of the dialplan (demo) or the agent's own
// registered softphone (pjsip, from agents.yaml).
import type { Acd } from '../app/ports/acd.js';
import type { AgentDialRequest } from '../app/ports/telephony.js';
import type { Config } from '../config.js';
import { agentEndpointName } from '../domain/phone/agent-endpoints.js';

export interface AgentPhoneStates {
  /** Whether the agent's browser phone is registered now. */
  readonly webPhoneUp: (agentId: string) => boolean;
  /** The agent's line up now (then the call is put through on it), or null. */
  readonly lineOf: (agentId: string) => string | null;
}

export function agentPhones(config: Config, acd: Acd, states: AgentPhoneStates): (agentId: string) => AgentDialRequest['phone'] {
  const noAnswer = new Set(config.demoNoAnswer);
  return (agentId) => {
    const lineId = states.lineOf(agentId);
    if (lineId !== null) return { kind: 'line', lineId };
    if (states.webPhoneUp(agentId)) return { kind: 'pjsip', endpoint: agentEndpointName(agentId, 'web') };
    return config.agentPhones === 'demo'
      ? { kind: 'demo', answerAfterSeconds: noAnswer.has(agentId) ? 'never' : config.demoAnswerAfterSeconds }
      : { kind: 'pjsip', endpoint: acd.agents.get(agentId)?.phone ?? agentEndpointName(agentId, 'handset') };
  };
}
