// The live calls of a whole cluster as any of its servers sees them: each PBX's from the server running
// it (this one's own calls directly when it runs its PBX, the others' relayed). An action names a call,
// not a PBX, so it is asked of every PBX and only the one running the call carries it out: the others
// answer CALL_NOT_FOUND. The list joins every PBX's; a PBX that did not answer is left out and logged,
// and only when none answered is the list unavailable.
import type { ActiveCallView } from '../calls/active-call-view.js';
import type { CallActionResult } from '../calls/live-calls.js';
import type { Logger } from '../../logging/logger.js';
import type { CallControl } from '../ports/call-control.js';

export interface ClusterCallControlDeps {
  /** Every PBX of the cluster. */
  readonly pbxs: readonly string[];
  /** The PBX whose calls this server runs while it holds its lease (null: a web node). */
  readonly own: string | null;
  readonly runningOwn: () => boolean;
  readonly local: CallControl;
  readonly relayed: (pbx: string) => CallControl;
  readonly logger: Logger;
}

/** How sure each answer is that it speaks for the call: the PBX running it answers for it. */
function weight(result: CallActionResult): number {
  if (result.ok) return 3;
  if (result.code === 'CALLS_UNAVAILABLE') return 1;
  return result.code === 'CALL_NOT_FOUND' ? 0 : 2;
}

/** The answer of the PBX that has the call; else unavailable if some PBX could not say; else not found. */
export function callActionAnswer(results: readonly CallActionResult[]): CallActionResult {
  let best: CallActionResult = { ok: false, code: 'CALL_NOT_FOUND' };
  for (const result of results) if (weight(result) > weight(best)) best = result;
  return best;
}

/**
 * What every PBX's server lists, joined: a PBX that did not answer is left out and logged, and only
 * when none answered is the list unavailable (null).
 */
export async function listOfEvery<T>(pbxs: readonly string[], ask: (pbx: string) => Promise<readonly T[] | null>, logger: Logger, what: string): Promise<readonly T[] | null> {
  const lists = await Promise.all(pbxs.map(async (pbx) => ({ pbx, items: await ask(pbx) })));
  const silent = lists.filter((list) => list.items === null).map((list) => list.pbx);
  if (silent.length === lists.length) return null;
  if (silent.length > 0) logger.warn({ code: 'CALLS_UNAVAILABLE', pbxs: silent }, `${what} listed without the PBXs that did not answer`);
  return lists.flatMap((list) => list.items ?? []);
}

export class ClusterCallControl implements CallControl {
  constructor(private readonly deps: ClusterCallControlDeps) {}

  activeCalls(): Promise<readonly ActiveCallView[] | null> {
    return listOfEvery(this.deps.pbxs, (pbx) => this.of(pbx).activeCalls(), this.deps.logger, 'live calls');
  }

  transfer(...args: Parameters<CallControl['transfer']>): Promise<CallActionResult> {
    return this.everywhere((calls) => calls.transfer(...args));
  }

  addParty(...args: Parameters<CallControl['addParty']>): Promise<CallActionResult> {
    return this.everywhere((calls) => calls.addParty(...args));
  }

  hangUp(...args: Parameters<CallControl['hangUp']>): Promise<CallActionResult> {
    return this.everywhere((calls) => calls.hangUp(...args));
  }

  private of(pbx: string): CallControl {
    return pbx === this.deps.own && this.deps.runningOwn() ? this.deps.local : this.deps.relayed(pbx);
  }

  private async everywhere(action: (calls: CallControl) => Promise<CallActionResult>): Promise<CallActionResult> {
    return callActionAnswer(await Promise.all(this.deps.pbxs.map((pbx) => action(this.of(pbx)))));
  }
}
