// The call machine's supervisor part: a shift leader ends a conversation (强拆) or takes the caller
// over (拦截). The monitoring service has checked the supervisor's right to; the machine checks
// that the call is still in a conversation it can end or hand over, and otherwise lets go of what
// it was given (a supervisor's leg that cannot take the call is hung up, never left in limbo).
import type { CallStep } from './call-step.js';
import type { AgentOnCall } from './call-state.js';
import { endHold } from './call-hold.js';
import { agentLeaves, record } from './call-conversation.js';
import { releaseAgentSide } from './call-ending.js';

/** What the caller hears before a forced release: a short goodbye (the prompt files have its text). */
export const FORCE_RELEASE_PROMPT = 'force_release_notice';
/** The closing prompt's guard: a prompt that never ends must not keep the caller on the line. */
export const CLOSING_GUARD_MS = 15_000;
const CLOSING_TIMER = 'closing';

/** The playback of the closing prompt: one per call. */
const closingPlayback = (callId: string): string => `${callId}-closing`;

/** 强拆: the agent side is released at once, the caller hears the closing prompt and is hung up. */
export function forceRelease(step: CallStep, supervisorId: string): void {
  const phase = step.phase;
  if ((phase.kind !== 'talking' && phase.kind !== 'consulting' && phase.kind !== 'three-way') || step.record.lineDown) {
    step.log('info', 'force release asked of a call not in conversation; nothing done', { supervisorId, phase: phase.kind });
    return;
  }
  step.log('info', 'conversation force-released by a supervisor', { supervisorId });
  step.outcome('force-released', supervisorId);
  step.setEndedBy('supervisor');
  endHold(step, step.now);
  releaseAgentSide(step, step.now, true);
  const playbackId = closingPlayback(step.call.callId);
  step.phase = { kind: 'closing', playbackId };
  step.do({ type: 'PlayPrompts', playbackId, prompts: [FORCE_RELEASE_PROMPT], language: step.setup.language, wait: true });
  step.do({ type: 'StartTimer', timerId: CLOSING_TIMER, ms: CLOSING_GUARD_MS });
}

/** The closing prompt ended (or its guard fired): the caller is hung up. True when it was ours. */
export function closingDone(step: CallStep, playbackId: string | null): boolean {
  const phase = step.phase;
  if (phase.kind !== 'closing' || (playbackId !== null && playbackId !== phase.playbackId)) return false;
  if (playbackId !== null) step.do({ type: 'CancelTimer', timerId: CLOSING_TIMER });
  step.hangUpAsSystem();
  return true;
}

export function closingTimerFired(step: CallStep, timerId: string): boolean {
  return timerId === CLOSING_TIMER && closingDone(step, null);
}

/**
 * 拦截: the supervisor's leg (up in the application, out of its monitoring bridge) joins the
 * conversation, the agent leaves to wrap-up, and the ticket names the supervisor as the handler.
 * The talk keeps the agent's answer time: the call was answered then, whoever finishes it.
 */
export function takeOver(step: CallStep, supervisorId: string, legId: string): void {
  const phase = step.phase;
  if (phase.kind !== 'talking' || step.record.lineDown) {
    step.log('info', 'take-over asked of a call not in a two-party conversation; the supervisor is let go', { supervisorId, phase: phase.kind });
    step.do({ type: 'HangUpChannel', channelId: legId, wait: false });
    return;
  }
  const { agent } = phase;
  step.log('info', 'conversation taken over by a supervisor', { from: agent.agentId, supervisorId });
  step.outcome('taken-over', `${agent.agentId}→${supervisorId}`);
  endHold(step, step.now);
  agentLeaves(step, agent, step.now);
  step.do({ type: 'HangUpChannel', channelId: agent.legId, wait: true });
  const handler: AgentOnCall = { legId, agentId: supervisorId, acdId: agent.acdId, answeredAt: agent.answeredAt, supervisor: true };
  step.record.agent = handler;
  step.phase = { kind: 'talking', agent: handler, parties: phase.parties };
  step.do({ type: 'RouteChannel', channelId: legId });
  // The agent's recording ended with the agent's leg; the supervisor's part is recorded on theirs.
  record(step, legId);
  step.do({ type: 'Join', channelId: legId });
}
