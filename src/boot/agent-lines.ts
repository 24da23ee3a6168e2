// The agents' lines put together: the owner (app) fed by the ACD's agent states and the browser
// phones' registrations, the ARI adapter dialing the lines and binding calls to them.
import { NodeTimers } from '../adapters/clock/node-timers.js';
import type { AriAgentLines } from '../adapters/ari/ari-agent-lines.js';
import type { Acd } from '../app/ports/acd.js';
import { AgentLines } from '../app/phone/agent-lines.js';
import type { PhoneReachability } from '../app/phone-reachability.js';
import type { CallEvent } from '../domain/calls/call-events.js';
import type { Logger } from '../logging/logger.js';

export interface AgentLinesParts {
  readonly adapter: AriAgentLines;
  readonly acd: Acd;
  readonly phones: PhoneReachability;
  readonly logger: Logger;
  /** Where the events of calls put through on lines go (the live calls). */
  readonly callEvents: (event: CallEvent) => void;
}

export function startAgentLines(parts: AgentLinesParts): AgentLines {
  const { adapter, acd, phones } = parts;
  const lines = new AgentLines({ port: adapter, timers: new NodeTimers(), logger: parts.logger.child({ component: 'agent-lines' }), pause: (agentId, reason) => acd.pause(agentId, reason) });
  adapter.attach(parts.callEvents, { answered: (lineId) => lines.lineAnswered(lineId), gone: (lineId) => lines.lineGone(lineId) });
  // Known before anything changes (an agent signed in by the start-up's auto-login, a phone already registered).
  for (const agentId of acd.agents.keys()) {
    const state = acd.agentState(agentId)?.state;
    lines.signedIn(agentId, state !== undefined && state !== 'logged_out');
    lines.phoneChanged(agentId, phones.webPhoneUp(agentId));
  }
  acd.onAgentState(({ agentId, state }) => {
    lines.signedIn(agentId, state !== 'logged_out');
    if (state === 'available') lines.resumed(agentId);
  });
  phones.onWebPhone((agentId, up) => lines.phoneChanged(agentId, up));
  return lines;
}
