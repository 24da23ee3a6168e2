// Agents' softphones as the phone system sees them: a phone that is not registered or not reachable
// is never offered a call. Demo phones live in the dialplan and are always reachable, so this only
// runs for real softphones.
import type { Logger } from '../logging/logger.js';
import type { AcdService } from './acd-service.js';
import type { AgentPhoneEvents, PhoneStatus } from './ports/phone-events.js';

export class PhoneReachability {
  /** Agent by phone, upper-cased: the phone system may spell an endpoint in another case. */
  private readonly byPhone = new Map<string, string>();
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly phones: AgentPhoneEvents,
    private readonly acd: Pick<AcdService, 'agents' | 'phoneReachability'>,
    private readonly logger: Logger,
  ) {
    for (const agent of acd.agents.values()) this.byPhone.set(agent.phone.toUpperCase(), agent.id);
  }

  start(): void {
    this.phones.onLinkUp(() => void this.refresh());
    this.phones.onPhoneStatus((status) => this.apply(status));
  }

  /** Reads every phone's state (at start and after a break in the link: changes may have been missed). */
  async refresh(): Promise<void> {
    try {
      const seen = new Set<string>();
      for (const status of await this.phones.phoneStatuses()) {
        seen.add(status.phone.toUpperCase());
        this.apply(status);
      }
      // A softphone that never registered may not be listed at all: it is not reachable.
      for (const phone of this.byPhone.keys()) if (!seen.has(phone)) this.apply({ phone, reachable: false, detail: 'not listed' });
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the agents’ phone states');
    }
  }

  private apply({ phone, reachable, detail }: PhoneStatus): void {
    const agentId = this.byPhone.get(phone.toUpperCase());
    if (!agentId || this.known.get(agentId) === reachable) return;
    this.known.set(agentId, reachable);
    this.logger.info({ agentId, phone, state: detail, reachable }, 'agent phone state');
    this.acd.phoneReachability(agentId, reachable);
  }
}
