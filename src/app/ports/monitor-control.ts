// What the API may ask of supervisors' sessions on calls (监听 / 密语 / 强插 / 拦截 / 强拆). On a single
// box, and on the server of a cluster that runs the call's PBX, the monitoring service answers
// itself; on another server of the cluster the request is relayed to the one running the call.
import type { MonitorActor, MonitorRefusal, MonitorView, ReleaseAnswer } from '../monitoring/monitor-service.js';
import type { MonitorMode } from '../../domain/monitoring/monitor-session.js';

export type MonitorResult = { readonly ok: true; readonly monitorId: string } | { readonly ok: false; readonly code: MonitorRefusal | 'CALLS_UNAVAILABLE' };
export type ReleaseResult = ReleaseAnswer | { readonly ok: false; readonly code: 'CALLS_UNAVAILABLE' };

export interface MonitorControl {
  start(callId: string, actor: MonitorActor, mode: MonitorMode): Promise<MonitorResult>;
  change(monitorId: string, actor: MonitorActor, mode: MonitorMode): Promise<MonitorResult>;
  stop(monitorId: string, actor: MonitorActor): Promise<MonitorResult>;
  takeOver(monitorId: string, actor: MonitorActor): Promise<MonitorResult>;
  forceRelease(callId: string, actor: MonitorActor): Promise<ReleaseResult>;
  /** null when they cannot be known now (no server running a PBX answered). */
  list(): Promise<readonly MonitorView[] | null>;
}
