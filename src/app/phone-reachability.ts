// Agents' phones as Asterisk sees them (AMI device state of PJSIP/<endpoint>): a phone that is not
// registered or not reachable is never offered a call. Demo phones live in the dialplan and are
// always reachable, so this only runs for real softphones.
import type { AmiEvent } from '../adapters/ami/index.js';
import { fieldString } from '../adapters/ami/index.js';
import type { Logger } from '../logging/logger.js';
import type { AcdService } from './acd-service.js';

export interface DeviceStateSource {
  on(event: 'event', listener: (event: AmiEvent) => void): unknown;
  on(event: 'connected', listener: (info: { reconnect: boolean }) => void): unknown;
  deviceStateList(): Promise<AmiEvent[]>;
}

const UNREACHABLE = new Set(['UNAVAILABLE', 'INVALID', 'UNKNOWN']);

export class PhoneReachability {
  private readonly byDevice = new Map<string, string>();
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly ami: DeviceStateSource,
    private readonly acd: AcdService,
    private readonly logger: Logger,
  ) {
    for (const agent of acd.agents.values()) this.byDevice.set(`PJSIP/${agent.phone}`.toUpperCase(), agent.id);
  }

  start(): void {
    this.ami.on('connected', () => void this.refresh());
    this.ami.on('event', (event) => {
      if (event.name !== 'DeviceStateChange') return;
      this.apply(fieldString(event.fields, 'device'), fieldString(event.fields, 'state'));
    });
  }

  /** Asks Asterisk for every device's state (at start and after a reconnect: events may have been missed). */
  async refresh(): Promise<void> {
    try {
      const seen = new Set<string>();
      for (const event of await this.ami.deviceStateList()) {
        const device = fieldString(event.fields, 'device');
        if (device) seen.add(device.toUpperCase());
        this.apply(device, fieldString(event.fields, 'state'));
      }
      // A PJSIP endpoint that never had a contact may not be listed at all: it is not reachable.
      for (const device of this.byDevice.keys()) if (!seen.has(device)) this.apply(device, 'UNAVAILABLE');
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the agents’ phone states');
    }
  }

  private apply(device: string | undefined, state: string | undefined): void {
    if (!device || !state) return;
    const agentId = this.byDevice.get(device.toUpperCase());
    if (!agentId) return;
    const reachable = !UNREACHABLE.has(state.toUpperCase());
    if (this.known.get(agentId) === reachable) return;
    this.known.set(agentId, reachable);
    this.logger.info({ agentId, device, state, reachable }, 'agent phone state');
    this.acd.phoneReachability(agentId, reachable);
  }
}
