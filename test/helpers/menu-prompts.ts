// What a caller heard from the IVR, leaving out the queue's place-in-line announcements (which depend
// on how long the caller happened to wait): IVR tests compare menus, not queue timing.
import { QUEUE_PROMPTS } from '../../src/domain/calls/queue-announcement.js';
import type { CallerEvent, CallOutcome } from '../../src/tools/citizen-caller.js';

const queuePrompts = new Set<string>(QUEUE_PROMPTS);

export function isQueuePrompt(prompt: string): boolean {
  return queuePrompts.has(prompt.replace(/^.*\//, ''));
}

export function menuPrompts(outcome: CallOutcome): string[] {
  return outcome.events
    .filter((e): e is Extract<CallerEvent, { event: 'prompt' }> => e.event === 'prompt')
    .map((e) => e.prompt)
    .filter((prompt) => !isQueuePrompt(prompt));
}

/** The caller's events without those of queue announcements. */
export function withoutQueuePrompts(events: readonly CallerEvent[]): CallerEvent[] {
  return events.filter((e) => !((e.event === 'prompt' || e.event === 'prompt_finished') && isQueuePrompt(e.prompt)));
}
