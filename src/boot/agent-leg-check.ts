// The `agent-leg` context is looked for each time the AMI link comes up (at start, and after an
// Asterisk restart, which may have loaded another dialplan). Where it is missing, agents' legs are
// dialed straight into the application and recorded through AMI once answered, as before the
// context existed: a leg dialed into a context Asterisk lacks is hung up as the agent answers, and
// every offer would end as ring-no-answer.
import type { AmiClient } from '../adapters/ami/index.js';
import { AGENT_LEG_SHOW_COMMAND, readAgentLegDialplan, type AgentLegDialplan } from '../adapters/ami/agent-leg-dialplan.js';
import type { Logger } from '../logging/logger.js';

export interface AgentLegDialing {
  dialLegsThroughDialplan(on: boolean): void;
}

/** Looks once; the answer switches the dialing. A refused or failed look changes nothing. */
export async function checkAgentLegContext(command: (cli: string) => Promise<readonly string[]>, dialing: AgentLegDialing, logger: Logger): Promise<AgentLegDialplan | null> {
  let found: AgentLegDialplan;
  try {
    found = readAgentLegDialplan(await command(AGENT_LEG_SHOW_COMMAND));
  } catch (error) {
    logger.warn({ err: error, code: 'AGENT_LEG_CONTEXT_UNREAD' }, 'could not read Asterisk\'s agent-leg context (AMI command refused?); agents\' legs are dialed as before');
    return null;
  }
  dialing.dialLegsThroughDialplan(found === 'ready');
  if (found === 'ready') {
    logger.info('agents\' legs are dialed through the agent-leg context, which records them from the answer');
  } else {
    logger.error(
      { code: 'AGENT_LEG_CONTEXT_MISSING', found },
      'Asterisk\'s dialplan has no complete agent-leg context (an older dialplan/hotline.conf?): agents\' legs are dialed straight into the application and recorded once the server hears of the answer; load the current dialplan/hotline.conf to record from the answer',
    );
  }
  return found;
}

export function watchAgentLegContext(ami: AmiClient, dialing: AgentLegDialing, logger: Logger): void {
  ami.onLinkUp(() => void checkAgentLegContext(async (cli) => (await ami.commandOutput(cli)).lines, dialing, logger));
}
