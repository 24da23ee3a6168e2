// The call side of the server, put together: the live calls with their ticket writer, fed by the
// ACD's one sink, each call with its own timers and the flows in force when it arrives.
import { NodeTimers } from '../adapters/clock/node-timers.js';
import type { FlowRepository } from '../adapters/flows/flow-repository.js';
import type { AcdService } from '../app/acd-service.js';
import { LiveCalls } from '../app/calls/live-calls.js';
import { TicketWriter } from '../app/calls/ticket-writer.js';
import type { CallerDirectory } from '../app/ports/caller-directory.js';
import type { CallRecords } from '../app/ports/call-records.js';
import type { TelephonyPort } from '../app/ports/telephony.js';
import type { TicketRecords } from '../app/ports/ticket-records.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { agentPhones } from './agent-phones.js';

export interface LiveCallsParts {
  readonly telephony: TelephonyPort;
  readonly calls: CallRecords;
  readonly tickets: TicketRecords;
  readonly flows: FlowRepository;
  readonly directory: CallerDirectory;
  readonly acd: AcdService;
  readonly logger: Logger;
}

export function startLiveCalls(config: Config, parts: LiveCallsParts): LiveCalls {
  const { acd, flows, logger } = parts;
  const live = new LiveCalls({
    telephony: parts.telephony,
    logger,
    now: Date.now,
    setup: () => ({ ivr: flows.snapshot(), language: config.promptLanguage, afterCallFlow: flows.current.afterCall }),
    directory: parts.directory,
    phoneFor: agentPhones(config, acd),
    tellAcd: (event) => acd.handle(event),
    timers: () => new NodeTimers(),
    writer: new TicketWriter({ calls: parts.calls, tickets: parts.tickets, logger, now: Date.now, timers: new NodeTimers() }),
    queueExists: (queueId) => acd.hasQueue(queueId),
    agentStatus: (agentId) => {
      if (!acd.agents.has(agentId)) return 'unknown';
      const state = acd.agentState(agentId)?.state;
      return state === undefined || state === 'logged_out' ? 'logged_out' : 'logged_in';
    },
  });
  acd.attach((command) => live.acdDecided(command));
  return live;
}
