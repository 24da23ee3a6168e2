// What the API may ask of live calls: the list, and an agent's actions on a conversation (transfer,
// three-way call, hang-up). On a single box, and on the server of a cluster that runs the PBX, the
// live calls answer themselves; on another server of the cluster the request is relayed to that one.
import type { ActiveCallView } from '../calls/active-call-view.js';
import type { CallActionResult } from '../calls/live-calls.js';
import type { TransferMode, TransferTarget } from '../../domain/calls/call-protocol.js';

export interface CallControl {
  /** null when they cannot be known now (the server running the PBX does not answer). */
  activeCalls(): Promise<readonly ActiveCallView[] | null>;
  transfer(callId: string, target: TransferTarget, mode: TransferMode): Promise<CallActionResult>;
  addParty(callId: string, number: string): Promise<CallActionResult>;
  hangUp(callId: string): Promise<CallActionResult>;
}
