// Dialing an agent's phone for an offer (not a line: that is bound, ari-agent-lines.ts). Either
// straight into the application, or through the dialplan's `agent-leg` context, which starts the
// conversation's recorder (MixMonitor) on the leg the moment it answers and then hands the leg to
// the application: the recording begins with the answer and ends with the leg, both in Asterisk.
import { callIds } from '../../domain/calls/call-ids.js';
import { DEFAULT_TRUNK_ENDPOINT, trunkDialString } from '../../domain/cluster/pbx-trunks.js';
import type { AgentDialRequest } from '../../app/ports/telephony.js';
import type { Logger } from '../../logging/logger.js';
import type { AriClient, OriginateParams } from './ari-client.js';
import type { Channel } from './ari-models.js';

/** The dialplan context that records an answered agent's leg and hands it to the application (dialplan/hotline.conf). */
export const AGENT_LEG_CONTEXT = 'agent-leg';

/**
 * An originate's request may last as long as the phone rings (up to 30 s for an agent) plus the
 * client's usual 5 s: the time limit of each is its ring time and this margin, never the 5 s
 * default, which a ringing agent phone would outlast.
 */
const ORIGINATE_MARGIN_MS = 5000;
export const originateLimit = (ringSeconds: number): { timeoutMs: number } => ({ timeoutMs: ringSeconds * 1000 + ORIGINATE_MARGIN_MS });

export interface AriAgentDialerOptions {
  readonly app: string;
  readonly trunkEndpoint?: string;
  readonly logger?: Logger;
  /** Through the `agent-leg` context at first (changed later by `throughDialplan`). */
  readonly throughDialplan: boolean;
}

export class AriAgentDialer {
  private viaDialplan: boolean;
  /** Legs dialed through the context, recording themselves: kept per leg, so one dialed before the mode changed is recorded once. */
  private readonly recordingThemselves = new Set<string>();

  constructor(
    private readonly ari: AriClient,
    private readonly options: AriAgentDialerOptions,
  ) {
    this.viaDialplan = options.throughDialplan;
  }

  /** From the next offer on. */
  throughDialplan(on: boolean): void {
    this.viaDialplan = on;
  }

  /** Whether this leg's recorder was started by the dialplan at its answer. */
  recordsItself(legId: string): boolean {
    return this.recordingThemselves.has(legId);
  }

  legEnded(channelId: string): void {
    this.recordingThemselves.delete(channelId);
  }

  async dial(request: AgentDialRequest): Promise<void> {
    const demo = request.phone.kind === 'demo';
    const ringSeconds = request.ringTimeoutSeconds + 5;
    const appArgs = ['role=agent', `call=${request.callId}`, `agent=${request.agentId}`];
    const demoVariables: Record<string, string> = request.phone.kind === 'demo' ? { DEMO_ANSWER_AFTER: String(request.phone.answerAfterSeconds) } : {};
    const common = {
      endpoint: this.endpoint(request),
      callerId: `"12345" <${request.callerNumber}>`,
      timeout: ringSeconds,
      channelId: request.legId,
      ...(demo ? { otherChannelId: callIds.demoPhone(request.legId) } : {}),
    };
    if (!this.viaDialplan) {
      const variables = Object.keys(demoVariables).length > 0 ? { variables: demoVariables } : {};
      await this.ari.originate({ ...common, app: this.options.app, appArgs, ...variables }, originateLimit(ringSeconds));
      return;
    }
    const variables = { ...demoVariables, HOTLINE_RECORDING: request.recording, HOTLINE_LEG_APP: this.options.app, HOTLINE_LEG_ARGS: appArgs.join(',') };
    this.recordingThemselves.add(request.legId);
    // Partial: what Asterisk answered is read, not trusted to be whole.
    const leg: Partial<Channel> | undefined = await this.ari.originate({ ...common, context: AGENT_LEG_CONTEXT, extension: 's', priority: 1, variables } satisfies OriginateParams, originateLimit(ringSeconds)).catch((error: unknown) => {
      this.recordingThemselves.delete(request.legId);
      throw error;
    });
    // Dialed into the dialplan, the leg reaches the application only once answered: until then its
    // events (a phone that refuses, rings out, or is given up) come through this subscription.
    // By the channel's name: Asterisk 22 finds a channel by name in a hash, by id only by walking
    // every channel, each locked, under the lock a new channel (a caller's INVITE) waits for.
    const source = typeof leg?.name === 'string' && leg.name !== '' ? leg.name : request.legId;
    await this.ari.subscribe(this.options.app, `channel:${source}`).catch((error: unknown) => {
      this.options.logger?.warn({ err: error, legId: request.legId }, 'could not follow the agent\'s leg before its answer; the offer\'s time limit ends it if it never answers');
    });
  }

  private endpoint(request: AgentDialRequest): string {
    const { phone, agentId } = request;
    if (phone.kind === 'demo') return `Local/${agentId}@demo-phones`;
    if (phone.kind === 'trunk') return trunkDialString(this.options.trunkEndpoint ?? DEFAULT_TRUNK_ENDPOINT, agentId, phone.pbx);
    if (phone.kind === 'pjsip') return `PJSIP/${phone.endpoint}`;
    throw new Error('an agent line is bound, never dialed');
  }
}
