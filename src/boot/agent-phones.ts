// Which phone rings for an agent: the agent's line while it is up (the call is put through on it),
// the browser phone of the agent desktop while it is registered (the agent is at the desk), a real
// softphone registered as the agent's handset; in a cluster, the agent's phone on another box (put
// through over the trunk to it); else a simulated handset of the dialplan (demo) or the agent's own
// softphone (pjsip, from agents.yaml), which fails if it is not registered.
import type { PutThroughTarget } from '../adapters/ari/ari-put-through.js';
import type { Acd } from '../app/ports/acd.js';
import type { AgentDialRequest } from '../app/ports/telephony.js';
import type { Config } from '../config.js';
import { agentEndpointName } from '../domain/phone/agent-endpoints.js';

export interface AgentPhoneStates {
  /** Whether the agent's browser phone is registered now. */
  readonly webPhoneUp: (agentId: string) => boolean;
  /** The agent's line up now (then the call is put through on it), or null. */
  readonly lineOf: (agentId: string) => string | null;
  /** Whether the agent's handset is registered on this box now. */
  readonly handsetUp: (agentId: string) => boolean;
  /** The other PBX of the cluster that reaches the agent's phone now, or null. */
  readonly homeOf: (agentId: string) => string | null;
}

export function agentPhones(config: Config, acd: Acd, states: AgentPhoneStates): (agentId: string) => AgentDialRequest['phone'] {
  const noAnswer = new Set(config.demoNoAnswer);
  const here = putThroughTarget(acd, states);
  return (agentId) => {
    const local = here(agentId);
    if (local !== null) return local.kind === 'line' ? local : { kind: 'pjsip', endpoint: local.endpoint };
    const home = states.homeOf(agentId);
    if (home !== null) return { kind: 'trunk', pbx: home };
    return config.agentPhones === 'demo'
      ? { kind: 'demo', answerAfterSeconds: noAnswer.has(agentId) ? 'never' : config.demoAnswerAfterSeconds }
      : { kind: 'pjsip', endpoint: handsetOf(acd, agentId) };
  };
}

/**
 * The agent's phone on this box now: the line, else the registered browser phone, else a registered
 * handset; null when this box reaches none. A call offered here and a caller of another box put
 * through to this agent both go to it.
 */
export function putThroughTarget(acd: Acd, states: Pick<AgentPhoneStates, 'webPhoneUp' | 'handsetUp' | 'lineOf'>): (agentId: string) => PutThroughTarget | null {
  return (agentId) => {
    const lineId = states.lineOf(agentId);
    if (lineId !== null) return { kind: 'line', lineId };
    if (states.webPhoneUp(agentId)) return { kind: 'phone', endpoint: agentEndpointName(agentId, 'web') };
    if (states.handsetUp(agentId)) return { kind: 'phone', endpoint: handsetOf(acd, agentId) };
    return null;
  };
}

function handsetOf(acd: Acd, agentId: string): string {
  return acd.agents.get(agentId)?.phone ?? agentEndpointName(agentId, 'handset');
}
