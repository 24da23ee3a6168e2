// Calls the server places (outbound) and the flow each runs, remembered from the dial until the
// channel arrives in the app: the arrival then starts that flow with its variables.
import type { FlowStart } from '../../domain/ivr/ivr-protocol.js';

/** Remembered at most (the oldest is forgotten past this: its channel never came). */
const MAX_PLACED_FLOWS = 10_000;

export class PlacedFlows {
  private readonly byChannel = new Map<string, FlowStart>();

  expect(channelId: string, start: FlowStart): void {
    if (this.byChannel.size >= MAX_PLACED_FLOWS) this.byChannel.delete(this.byChannel.keys().next().value ?? '');
    this.byChannel.set(channelId, start);
  }

  /** The flow this channel was placed for, once: null for a call that dialed in. */
  take(channelId: string): FlowStart | null {
    const start = this.byChannel.get(channelId) ?? null;
    this.byChannel.delete(channelId);
    return start;
  }
}
