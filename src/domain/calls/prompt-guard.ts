// The prompt guard's timers. A menu or survey prompt that has not begun a while after it was asked
// for is looked at, and asked for again once if Asterisk still has it queued or does not know it:
// under load a prompt asked for as the conversation's bridge was being taken down once never began,
// and the caller heard nothing for 29 s (the SIPp benchmark's lost surveys). The engine waits for a
// prompt's end before it counts the time for a key, so without this such a silence has no end.
import type { CallStep } from './call-step.js';

/**
 * How long after its request a prompt is looked at. A prompt normally begins within 100 ms, and
 * within a second at the load where callers are still served; a prompt ended or cut off sooner is
 * never looked at (its timer is cancelled), so a normal call makes no extra request.
 */
export const PROMPT_CHECK_MS = 3000;

const CHECK_PREFIX = 'prompt-check:';

export function guardPrompt(step: CallStep, playbackId: string): void {
  step.do({ type: 'StartTimer', timerId: `${CHECK_PREFIX}${playbackId}`, ms: PROMPT_CHECK_MS });
}

export function releasePrompt(step: CallStep, playbackId: string): void {
  step.do({ type: 'CancelTimer', timerId: `${CHECK_PREFIX}${playbackId}` });
}

/** The playback a guard's timer is for, or null for another timer. */
export function guardedPlayback(timerId: string): string | null {
  return timerId.startsWith(CHECK_PREFIX) ? timerId.slice(CHECK_PREFIX.length) : null;
}
