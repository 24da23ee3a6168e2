// The agent puts the caller on hold from their phone (the browser phone's hold button, a handset's
// hold key: the phone says so with a re-INVITE) and takes them off it. The caller hears hold music
// meanwhile, and the time held goes on the ticket. A hold by the caller's own phone changes nothing:
// the agent hears silence and knows why.
import type { CallStep } from './call-step.js';
import { heldMs } from './call-step.js';

/** The music class the caller hears while the agent holds them (musiconhold.conf). */
export const AGENT_HOLD_MUSIC = 'default';

export function holdChanged(step: CallStep, channelId: string, held: boolean, at: number): void {
  const phase = step.phase;
  if ((phase.kind !== 'talking' && phase.kind !== 'consulting') || phase.agent.legId !== channelId || step.record.lineDown) return;
  const hold = step.record.hold;
  if (held && hold.since === null) {
    step.record.hold = { ...hold, since: at };
    step.outcome('held', phase.agent.agentId, at);
    step.do({ type: 'StartHold', musicClass: AGENT_HOLD_MUSIC });
  } else if (!held && hold.since !== null) {
    step.outcome('resumed', phase.agent.agentId, at);
    endHold(step, at);
  }
}

/**
 * The held agent left (hung up, handed over): the hold ends with them. The music stops unless the
 * caller goes on to hear the queue's own (a blind transfer).
 */
export function endHold(step: CallStep, at: number, stopMusic = true): void {
  const hold = step.record.hold;
  if (hold.since === null) return;
  step.record.hold = { totalMs: heldMs(hold, at), since: null };
  if (stopMusic && !step.record.lineDown) step.do({ type: 'StopHold' });
}
