// Agents' phones as the phone system sees them. Each agent may have a SIP handset (agents.yaml's
// phone, agent-<id>) and the browser phone of the agent desktop (agent-<id>-web). A registered
// browser phone is the one that rings: the agent is at the desktop. An agent with neither phone
// reachable is never offered a call. Demo handsets live in the dialplan and are always reachable,
// so in demo mode the ACD never hears of phones; a real softphone registered as the agent's handset
// still rings instead of the demo one. In a cluster an agent's phone may be on another box: the ACD
// is told the agent is reachable when any box reaches one of the agent's phones.
import { agentEndpointName, type AgentPhoneKind } from '../domain/phone/agent-endpoints.js';
import type { Logger } from '../logging/logger.js';
import type { Acd } from './ports/acd.js';
import type { AgentPhoneEvents, PhoneStatus } from './ports/phone-events.js';

export interface PhoneReachabilityOptions {
  /** Whether handsets are real softphones the agent needs (pjsip) or the dialplan's demo handsets stand in for them. */
  readonly watchHandsets: boolean;
  /** Whether another box of the cluster reaches one of the agent's phones now (none: a single box). */
  readonly elsewhere?: (agentId: string) => boolean;
}

interface PhoneOf {
  readonly agentId: string;
  readonly kind: AgentPhoneKind;
}

export class PhoneReachability {
  /** Agent and kind by phone, upper-cased: the phone system may spell an endpoint in another case. */
  private readonly byPhone = new Map<string, PhoneOf>();
  /** What each phone last was (absent: never heard of, which counts as unreachable). */
  private readonly phoneUp = new Map<string, boolean>();
  /** What the ACD was last told of each agent. */
  private readonly told = new Map<string, boolean>();
  private readonly webListeners = new Set<(agentId: string, up: boolean) => void>();

  constructor(
    private readonly phones: AgentPhoneEvents,
    private readonly acd: Pick<Acd, 'agents' | 'phoneReachability'>,
    private readonly logger: Logger,
    private readonly options: PhoneReachabilityOptions = { watchHandsets: true },
  ) {
    for (const agent of acd.agents.values()) {
      this.byPhone.set(agent.phone.toUpperCase(), { agentId: agent.id, kind: 'handset' });
      this.byPhone.set(agentEndpointName(agent.id, 'web').toUpperCase(), { agentId: agent.id, kind: 'web' });
    }
  }

  start(): void {
    this.phones.onLinkUp(() => void this.refresh());
    this.phones.onPhoneStatus((status) => this.apply(status));
  }

  /** Whether the agent's browser phone is registered now (then it is the phone that rings). */
  webPhoneUp(agentId: string): boolean {
    return this.phoneUp.get(agentEndpointName(agentId, 'web').toUpperCase()) === true;
  }

  /** Whether the agent's SIP handset (a real softphone, in demo mode too) is registered on this box now. */
  handsetUp(agentId: string): boolean {
    return this.phoneUp.get(this.handsetKey(agentId)) === true;
  }

  /** Whether one of the agent's phones is registered on this box now. */
  reachesHere(agentId: string): boolean {
    return this.handsetUp(agentId) || this.webPhoneUp(agentId);
  }

  /** The cluster's view of where phones are changed: the ACD is told again of agents whose reachability changed. */
  homesChanged(): void {
    for (const agentId of this.acd.agents.keys()) this.tellAcd(agentId);
  }

  /** Each change of an agent's browser phone (registered or not): the agent's line follows it. */
  onWebPhone(listener: (agentId: string, up: boolean) => void): void {
    this.webListeners.add(listener);
  }

  /** Reads every phone's state (at start and after a break in the link: changes may have been missed). */
  async refresh(): Promise<void> {
    try {
      const seen = new Set<string>();
      for (const status of await this.phones.phoneStatuses()) {
        seen.add(status.phone.toUpperCase());
        this.apply(status);
      }
      // A phone that never registered may not be listed at all: it is not reachable.
      for (const phone of this.byPhone.keys()) if (!seen.has(phone)) this.apply({ phone, reachable: false, detail: 'not listed' });
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the agents’ phone states');
    }
  }

  private apply({ phone, reachable, detail }: PhoneStatus): void {
    const key = phone.toUpperCase();
    const owner = this.byPhone.get(key);
    if (!owner || this.phoneUp.get(key) === reachable) return;
    this.phoneUp.set(key, reachable);
    this.logger.info({ agentId: owner.agentId, phone, kind: owner.kind, state: detail, reachable }, 'agent phone state');
    this.tellAcd(owner.agentId);
    if (owner.kind === 'web') for (const listener of this.webListeners) listener(owner.agentId, reachable);
  }

  private tellAcd(agentId: string): void {
    // In demo mode the demo handset is always there: the ACD never needs to hear of it.
    if (!this.options.watchHandsets) return;
    const reachable = this.reachesHere(agentId) || (this.options.elsewhere?.(agentId) ?? false);
    if (this.told.get(agentId) === reachable) return;
    this.told.set(agentId, reachable);
    this.acd.phoneReachability(agentId, reachable);
  }

  private handsetKey(agentId: string): string {
    return (this.acd.agents.get(agentId)?.phone ?? agentEndpointName(agentId, 'handset')).toUpperCase();
  }
}
