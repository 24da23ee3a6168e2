// Supervisors' sessions across a cluster as any of its servers sees them: each PBX's calls are
// monitored on the server running that PBX (this one's own directly, the others' relayed). A request
// names a call or a session, not a PBX, so it is asked of every PBX and only the one running the call
// carries it out: the others answer CALL_NOT_FOUND or MONITOR_NOT_FOUND. The list joins every PBX's.
import type { Logger } from '../../logging/logger.js';
import type { MonitorView } from '../monitoring/monitor-service.js';
import type { MonitorControl, MonitorResult, ReleaseResult } from '../ports/monitor-control.js';
import { listOfEvery } from './cluster-call-control.js';

export interface ClusterMonitorControlDeps {
  readonly pbxs: readonly string[];
  readonly own: string | null;
  readonly runningOwn: () => boolean;
  /** This server's own sessions (null until its monitoring service is made). */
  readonly local: () => MonitorControl | null;
  readonly relayed: (pbx: string) => MonitorControl;
  readonly logger: Logger;
}

/** How sure each answer is that it speaks for the call: the PBX running it answers for it. */
function weight(result: MonitorResult | ReleaseResult): number {
  if (result.ok) return 3;
  if (result.code === 'CALLS_UNAVAILABLE') return 1;
  return result.code === 'CALL_NOT_FOUND' || result.code === 'MONITOR_NOT_FOUND' ? 0 : 2;
}

/** The answer of the PBX that has the call; else unavailable if some PBX could not say; else the first "not found". */
export function monitorAnswer<T extends MonitorResult | ReleaseResult>(results: readonly T[]): T | null {
  let best: T | null = null;
  for (const result of results) if (best === null || weight(result) > weight(best)) best = result;
  return best;
}

export class ClusterMonitorControl implements MonitorControl {
  constructor(private readonly deps: ClusterMonitorControlDeps) {}

  start(...args: Parameters<MonitorControl['start']>): Promise<MonitorResult> {
    return this.everywhere((control) => control.start(...args), { ok: false, code: 'CALL_NOT_FOUND' });
  }

  change(...args: Parameters<MonitorControl['change']>): Promise<MonitorResult> {
    return this.everywhere((control) => control.change(...args), { ok: false, code: 'MONITOR_NOT_FOUND' });
  }

  stop(...args: Parameters<MonitorControl['stop']>): Promise<MonitorResult> {
    return this.everywhere((control) => control.stop(...args), { ok: false, code: 'MONITOR_NOT_FOUND' });
  }

  takeOver(...args: Parameters<MonitorControl['takeOver']>): Promise<MonitorResult> {
    return this.everywhere((control) => control.takeOver(...args), { ok: false, code: 'MONITOR_NOT_FOUND' });
  }

  forceRelease(...args: Parameters<MonitorControl['forceRelease']>): Promise<ReleaseResult> {
    return this.everywhere((control) => control.forceRelease(...args), { ok: false, code: 'CALL_NOT_FOUND' });
  }

  list(): Promise<readonly MonitorView[] | null> {
    return listOfEvery(this.deps.pbxs, (pbx) => this.of(pbx).list(), this.deps.logger, 'monitoring sessions');
  }

  private of(pbx: string): MonitorControl {
    const local = pbx === this.deps.own && this.deps.runningOwn() ? this.deps.local() : null;
    return local ?? this.deps.relayed(pbx);
  }

  private async everywhere<T extends MonitorResult | ReleaseResult>(action: (control: MonitorControl) => Promise<T>, none: T): Promise<T> {
    return monitorAnswer(await Promise.all(this.deps.pbxs.map((pbx) => action(this.of(pbx))))) ?? none;
  }
}
