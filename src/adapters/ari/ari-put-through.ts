// Callers of another box of the cluster put through to agents whose phone is on this box. The other
// box dials `<agent>@trunk-<this box>`; the dialplan (from-pbx) hands the trunk's channel to the
// application with role=put-through. It is joined to the agent's line when one is up here, or sent
// back to the dialplan to ring the agent's phone (put-through-phone), or refused as busy when the
// agent has no phone here any more: then the other box's call offers the caller to the next agent.
import type { Logger } from '../../logging/logger.js';
import type { AriAgentLines } from './ari-agent-lines.js';
import { stasisArgs } from './ari-call-events.js';
import type { AriClient } from './ari-client.js';
import type { AriEvent } from './ari-events.js';

/** Where a put-through goes: the agent's line, or a registered phone's endpoint. */
export type PutThroughTarget = { readonly kind: 'line'; readonly lineId: string } | { readonly kind: 'phone'; readonly endpoint: string };

export interface PutThroughOptions {
  /** The agent's phone on this box now, or null. */
  readonly targetOf: (agentId: string) => PutThroughTarget | null;
  readonly logger: Logger;
}

/** The dialplan context that rings a phone by its endpoint's name (dialplan/hotline.conf). */
const PHONE_CONTEXT = 'put-through-phone';

export class AriPutThrough {
  constructor(
    private readonly ari: AriClient,
    private readonly lines: AriAgentLines,
    private readonly options: PutThroughOptions,
  ) {}

  /** Takes a put-through's start; every other event is left to the calls. */
  handle(event: AriEvent): void {
    if (event.type !== 'StasisStart') return;
    const args = stasisArgs(event.args);
    if (args.role !== 'put-through') return;
    void this.take(event.channel.id, args.agent ?? '');
  }

  private async take(channelId: string, agentId: string): Promise<void> {
    const log = this.options.logger.child({ channelId, agentId });
    const target = this.options.targetOf(agentId);
    try {
      if (target === null) {
        log.warn('a caller of another box was put through to an agent with no phone on this box; refused as busy');
        await this.ari.hangup(channelId, 'busy');
      } else if (target.kind === 'line') {
        await this.lines.putThrough(channelId, target.lineId);
        log.info({ lineId: target.lineId }, 'caller of another box put through to the agent’s line');
      } else {
        await this.ari.continueInDialplan(channelId, { context: PHONE_CONTEXT, extension: target.endpoint, priority: 1 });
        log.info({ endpoint: target.endpoint }, 'caller of another box put through to the agent’s phone');
      }
    } catch (error) {
      log.warn({ err: error }, 'could not put the caller of another box through; refused as busy');
      await this.ari.hangup(channelId, 'busy').catch(() => undefined);
    }
  }
}
