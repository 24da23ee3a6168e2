// Which phone rings for an agent: a simulated handset of the dialplan (demo) or the agent's own
// registered softphone (pjsip, from agents.yaml).
import type { AcdService } from '../app/acd-service.js';
import type { AgentPhones } from '../app/call-session.js';
import type { Config } from '../config.js';

export function agentPhones(config: Config, acd: AcdService): AgentPhones {
  const noAnswer = new Set(config.demoNoAnswer);
  return {
    phoneFor: (agentId) =>
      config.agentPhones === 'demo'
        ? { kind: 'demo', answerAfterSeconds: noAnswer.has(agentId) ? 'never' : config.demoAnswerAfterSeconds }
        : { kind: 'pjsip', endpoint: acd.agents.get(agentId)?.phone ?? `agent-${agentId}` },
  };
}
