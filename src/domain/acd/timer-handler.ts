// A timer the ACD started has fired. Ids it no longer books (cancelled, or already handled) are
// ignored, as are timers whose call has moved on to another state in the meantime.
import type { AcdCore } from './acd-core.js';
import type { AcdEvent } from './acd-protocol.js';
import { offerFailed, ringNoAnswer } from './call-handlers.js';
import type { CallRecord, CallTimer } from './call-record.js';
import { finishWrapUp } from './wrap-up.js';

export function onTimerFired(core: AcdCore, e: Extract<AcdEvent, { type: 'TimerFired' }>): void {
  const purpose = core.timers.take(e.timerId);
  if (!purpose) return;
  if (purpose.kind === 'wrap') {
    const agent = core.roster.get(purpose.agentId);
    if (agent?.state === 'wrap_up' && agent.wrap?.timerId === e.timerId) finishWrapUp(core, agent, e.at);
    return;
  }
  const call = core.calls.get(purpose.callId);
  if (!call || call.timers[purpose.timer] !== e.timerId) return;
  delete call.timers[purpose.timer];
  callTimerFired(core, call, purpose.timer, e.at);
}

function callTimerFired(core: AcdCore, call: CallRecord, timer: CallTimer, at: number): void {
  // The ring time ran out on a ringing phone (RONA), or the phone never began to ring (the system's fault).
  if (timer === 'ring' && call.status === 'offered') return call.ringingSince === null ? offerFailed(core, call, at) : ringNoAnswer(core, call, at);
  if (timer === 'retry' && call.status === 'retry_wait') return core.returnToLine(call, at);
  if (call.status !== 'waiting') return;
  if (timer === 'overflow') {
    core.leaveLine(call);
    return core.overflow(call, at, 'max_wait');
  }
  if (timer === 'announce' && !call.callback) {
    core.announce(call, at);
    core.startCallTimer(call, 'announce', at + core.queueOf(call).announceEverySeconds * 1000);
  }
}
