// Callback keeping place: the caller hangs up but the call stays in the line at its rank. When it
// reaches the head an agent is reserved and the citizen is dialled; failed attempts wait and go back
// to the same place; after the last one the application turns the request into a ticket.
import type { AcdCore } from './acd-core.js';
import type { AcdEvent } from './acd-protocol.js';
import type { AgentRecord } from './agent-record.js';
import { connect } from './call-handlers.js';
import type { CallRecord } from './call-record.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;

export function onCallbackRequested(core: AcdCore, e: Ev<'CallbackRequested'>): void {
  const call = core.calls.get(e.callId);
  if (!call) return core.reject(e.type, 'ACD_UNKNOWN_CALL', e.callId);
  if (call.status !== 'waiting' || call.callback) return core.reject(e.type, 'ACD_WRONG_CALL_STATE', e.callId);
  const rule = core.queueOf(call).callback;
  if (!rule) return core.reject(e.type, 'ACD_CALLBACK_NOT_OFFERED', e.callId);
  if (e.at - call.enqueuedAt < rule.afterSeconds * 1000) return core.reject(e.type, 'ACD_CALLBACK_TOO_EARLY', e.callId);
  call.callback = { number: e.number, attempts: 0, maxAttempts: rule.maxAttempts, retryDelaySeconds: rule.retryDelaySeconds };
  core.cancelCallTimer(call, 'announce');
  core.count(call.queueId).callbacksRequested += 1;
  core.emit({ type: 'ConfirmCallback', callId: call.id, queueId: call.queueId, position: core.lanes.position(call) });
}

function dialling(core: AcdCore, e: Ev<'CallbackAnswered' | 'CallbackAttemptFailed'>): CallRecord | undefined {
  const call = core.calls.get(e.callId);
  if (!call) core.reject(e.type, 'ACD_UNKNOWN_CALL', e.callId);
  else if (call.status !== 'offered' || !call.callback) core.reject(e.type, 'ACD_WRONG_CALL_STATE', e.callId);
  else return call;
  return undefined;
}

export function onCallbackAnswered(core: AcdCore, e: Ev<'CallbackAnswered'>): void {
  const call = dialling(core, e);
  if (!call) return;
  connect(core, call, e.at);
  core.count(call.queueId).callbacksConnected += 1;
}

export function onCallbackAttemptFailed(core: AcdCore, e: Ev<'CallbackAttemptFailed'>): void {
  const call = dialling(core, e);
  if (!call || !call.callback) return;
  core.releaseAgent(core.roster.get(call.agentId ?? '') as AgentRecord);
  call.agentId = null;
  const { attempts, maxAttempts, retryDelaySeconds } = call.callback;
  if (attempts < maxAttempts) {
    call.status = 'retry_wait';
    core.startCallTimer(call, 'retry', e.at + retryDelaySeconds * 1000);
    return;
  }
  core.count(call.queueId).callbacksFailed += 1;
  core.emit({ type: 'CallbackFailed', callId: call.id, queueId: call.queueId, number: call.callback.number, attempts });
  core.forget(call);
}
