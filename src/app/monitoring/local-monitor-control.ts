// This server's monitoring service as the MonitorControl port: answered at once.
import type { MonitorControl } from '../ports/monitor-control.js';
import type { MonitorService } from './monitor-service.js';

export function localMonitorControl(service: MonitorService): MonitorControl {
  return {
    start: (callId, actor, mode) => service.start(callId, actor, mode),
    change: (monitorId, actor, mode) => Promise.resolve(service.change(monitorId, actor, mode)),
    stop: (monitorId, actor) => Promise.resolve(service.stop(monitorId, actor)),
    takeOver: (monitorId, actor) => Promise.resolve(service.takeOver(monitorId, actor)),
    forceRelease: (callId, actor) => Promise.resolve(service.forceRelease(callId, actor)),
    list: () => Promise.resolve(service.list()),
  };
}
