// Which phone rings for an agent: the browser phone of the agent desktop while it is registered
// (the agent is at the desk), else a simulated handset of the dialplan (demo) or the agent's own
// registered softphone (pjsip, from agents.yaml).
import type { AcdService } from '../app/acd-service.js';
import type { AgentDialRequest } from '../app/ports/telephony.js';
import type { Config } from '../config.js';
import { agentEndpointName } from '../domain/phone/agent-endpoints.js';

export function agentPhones(config: Config, acd: AcdService, webPhoneUp: (agentId: string) => boolean): (agentId: string) => AgentDialRequest['phone'] {
  const noAnswer = new Set(config.demoNoAnswer);
  return (agentId) => {
    if (webPhoneUp(agentId)) return { kind: 'pjsip', endpoint: agentEndpointName(agentId, 'web') };
    return config.agentPhones === 'demo'
      ? { kind: 'demo', answerAfterSeconds: noAnswer.has(agentId) ? 'never' : config.demoAnswerAfterSeconds }
      : { kind: 'pjsip', endpoint: acd.agents.get(agentId)?.phone ?? agentEndpointName(agentId, 'handset') };
  };
}
