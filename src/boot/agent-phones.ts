// Which phone rings for an agent: a simulated handset of the dialplan (demo) or the agent's own
// registered softphone (pjsip, from agents.yaml).
import type { AcdService } from '../app/acd-service.js';
import type { AgentDialRequest } from '../app/ports/telephony.js';
import type { Config } from '../config.js';

export function agentPhones(config: Config, acd: AcdService): (agentId: string) => AgentDialRequest['phone'] {
  const noAnswer = new Set(config.demoNoAnswer);
  return (agentId) =>
    config.agentPhones === 'demo'
      ? { kind: 'demo', answerAfterSeconds: noAnswer.has(agentId) ? 'never' : config.demoAnswerAfterSeconds }
      : { kind: 'pjsip', endpoint: acd.agents.get(agentId)?.phone ?? `agent-${agentId}` };
}
