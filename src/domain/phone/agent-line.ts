// The agent's line: one long call the server keeps open to a signed-in agent's browser phone, so a
// citizen is put through by moving the line into the conversation (the pop is the "ringing"), and a
// frozen background tab cannot miss a ring. Pure: (line, event) → (line, commands); the app carries
// the commands out (an originate marked X-Hotline-Line, a hang-up, the ACD's pause) and timers come
// back as events.
//
// The rules, in the hotline's words:
// - A line is wanted while the agent is signed in and their browser phone is registered. Then it is
//   dialed; the page answers it by itself.
// - A line a previous holder of the PBX left carrying a conversation (a cluster's worker lost) is
//   adopted as this agent's line: a line dialed meanwhile is ended (the page, busy on the old one,
//   refuses it), and the old one serves the next calls.
// - A line that cannot be made is tried again after 1, 2 and 5 s; after that the agent is paused
//   with `phone_lost`: nobody could reach them.
// - A line lost while wanted (the tab closed, the network dropped, the phone hung it up) pauses the
//   agent with `phone_lost`. It is dialed again when the agent resumes, not before: the agent must
//   know their phone went away. A call on the line when it went is the call machine's business: to
//   it the agent's leg ended.
// - Signing out or unregistering the phone on purpose ends the line without a pause.

/** Where the agent's line stands. */
export type LinePhase =
  | { readonly kind: 'none' }
  | { readonly kind: 'dialing'; readonly lineId: string; readonly attempt: number }
  | { readonly kind: 'retrying'; readonly attempt: number }
  | { readonly kind: 'up'; readonly lineId: string }
  /** Lost while wanted: waits for the agent to resume before it is dialed again. */
  | { readonly kind: 'lost' };

export interface AgentLine {
  readonly agentId: string;
  readonly phoneUp: boolean;
  readonly signedIn: boolean;
  readonly phase: LinePhase;
  /** Lines dialed so far: each gets an id of its own, so a late event of an old one is told apart. */
  readonly seq: number;
}

export type LineEvent =
  | { readonly type: 'PhoneChanged'; readonly up: boolean }
  | { readonly type: 'SignedIn' }
  | { readonly type: 'SignedOut' }
  /** The agent made themselves available again after a pause. */
  | { readonly type: 'Resumed' }
  | { readonly type: 'LineAnswered'; readonly lineId: string }
  /** The line could not be made, or ended: the channel is gone. */
  | { readonly type: 'LineGone'; readonly lineId: string }
  /**
   * The page that holds the phone went away (its socket to the server closed): a line on it is dead
   * even while Asterisk still has its channel (nothing tells Asterisk that a WebSocket's calls ended).
   */
  | { readonly type: 'PhoneLeft' }
  | { readonly type: 'TimerFired'; readonly timerId: string }
  /** A line found up and carrying the agent's conversation after a takeover: the agent's line from now on. */
  | { readonly type: 'LineAdopted'; readonly lineId: string };

export type LineCommand =
  | { readonly type: 'DialLine'; readonly lineId: string }
  | { readonly type: 'HangUpLine'; readonly lineId: string }
  | { readonly type: 'StartTimer'; readonly timerId: string; readonly ms: number }
  | { readonly type: 'CancelTimer'; readonly timerId: string }
  | { readonly type: 'PauseAgent'; readonly reason: 'phone_lost' };

export interface LineStep {
  readonly line: AgentLine;
  readonly commands: readonly LineCommand[];
}

/** Waits before each new try of a line that could not be made; past the last, the agent is paused. */
export const LINE_RETRY_MS: readonly number[] = [1000, 2000, 5000];

export const lineTimer = (agentId: string): string => `line-retry:${agentId}`;

export function newAgentLine(agentId: string): AgentLine {
  return { agentId, phoneUp: false, signedIn: false, phase: { kind: 'none' }, seq: 0 };
}

export function stepLine(line: AgentLine, event: LineEvent): LineStep {
  const commands: LineCommand[] = [];
  const next = apply(line, event, commands);
  return { line: next, commands };
}

const wanted = (line: AgentLine): boolean => line.phoneUp && line.signedIn;

function apply(line: AgentLine, event: LineEvent, out: LineCommand[]): AgentLine {
  switch (event.type) {
    case 'PhoneChanged':
      return presence({ ...line, phoneUp: event.up }, line, out, !event.up);
    case 'SignedIn':
      return presence({ ...line, signedIn: true }, line, out, false);
    case 'SignedOut':
      return presence({ ...line, signedIn: false }, line, out, false);
    case 'Resumed':
      // The agent knows now: the line is dialed at once, or as soon as the phone registers again.
      if (line.phase.kind !== 'lost') return line;
      return wanted(line) ? dial({ ...line, phase: { kind: 'none' } }, 0, out) : { ...line, phase: { kind: 'none' } };
    case 'LineAnswered':
      return answered(line, event.lineId, out);
    case 'LineGone':
      return gone(line, event.lineId, out);
    case 'PhoneLeft':
      return line.phase.kind === 'up' || line.phase.kind === 'dialing' ? lose(line, out, true) : line;
    case 'TimerFired':
      return event.timerId === lineTimer(line.agentId) && line.phase.kind === 'retrying' && wanted(line) ? dial(line, line.phase.attempt, out) : line;
    case 'LineAdopted':
      return adopted(line, event.lineId, out);
  }
}

/**
 * Signed in or out, phone up or down: a line is dialed when it becomes wanted, and ended when it no
 * longer is. A phone that went away under a signed-in agent is a lost line (`lostPhone`); signing
 * out is on purpose.
 */
function presence(next: AgentLine, before: AgentLine, out: LineCommand[], lostPhone: boolean): AgentLine {
  if (wanted(next)) return next.phase.kind === 'none' ? dial(next, 0, out) : next;
  const phase = before.phase;
  if (phase.kind === 'none') return next;
  // A lost line is remembered until the agent resumes or signs out, whatever the phone does meanwhile.
  if (phase.kind === 'lost') return next.signedIn ? next : { ...next, phase: { kind: 'none' } };
  // The phone went away: a line still up is ended too (its channel may outlive the page for a while).
  if (lostPhone && before.signedIn) return lose(next, out, true);
  return endLine(next, out);
}

function dial(line: AgentLine, attempt: number, out: LineCommand[]): AgentLine {
  const seq = line.seq + 1;
  const lineId = `line-${line.agentId}-${seq}`;
  out.push({ type: 'DialLine', lineId });
  return { ...line, seq, phase: { kind: 'dialing', lineId, attempt } };
}

function answered(line: AgentLine, lineId: string, out: LineCommand[]): AgentLine {
  const phase = line.phase;
  if (phase.kind !== 'dialing' || phase.lineId !== lineId) {
    // A line nobody waits for any more (signed out meanwhile, or an older try): not kept.
    out.push({ type: 'HangUpLine', lineId });
    return line;
  }
  return { ...line, phase: { kind: 'up', lineId } };
}

function gone(line: AgentLine, lineId: string, out: LineCommand[]): AgentLine {
  const phase = line.phase;
  if (phase.kind === 'dialing' && phase.lineId === lineId) return retry(line, phase.attempt + 1, out);
  if (phase.kind === 'up' && phase.lineId === lineId) return lose(line, out, false);
  return line;
}

/**
 * The line carries the agent's conversation, so the agent is signed in and their phone is up
 * (whatever this server has heard so far). Any other line of theirs is ended or no longer retried.
 */
function adopted(line: AgentLine, lineId: string, out: LineCommand[]): AgentLine {
  const phase = line.phase;
  if ((phase.kind === 'up' || phase.kind === 'dialing') && phase.lineId !== lineId) out.push({ type: 'HangUpLine', lineId: phase.lineId });
  if (phase.kind === 'retrying') out.push({ type: 'CancelTimer', timerId: lineTimer(line.agentId) });
  return { ...line, signedIn: true, phoneUp: true, phase: { kind: 'up', lineId } };
}

function retry(line: AgentLine, attempt: number, out: LineCommand[]): AgentLine {
  const wait = LINE_RETRY_MS[attempt - 1];
  // The last try's channel is already gone: nothing to hang up.
  if (wait === undefined) return lose({ ...line, phase: { kind: 'none' } }, out, false);
  out.push({ type: 'StartTimer', timerId: lineTimer(line.agentId), ms: wait });
  return { ...line, phase: { kind: 'retrying', attempt } };
}

/** The line went away under a signed-in agent: paused until they resume. */
function lose(line: AgentLine, out: LineCommand[], hangUp: boolean): AgentLine {
  const phase = line.phase;
  if (phase.kind === 'up' && hangUp) out.push({ type: 'HangUpLine', lineId: phase.lineId });
  if (phase.kind === 'dialing') out.push({ type: 'HangUpLine', lineId: phase.lineId });
  if (phase.kind === 'retrying') out.push({ type: 'CancelTimer', timerId: lineTimer(line.agentId) });
  out.push({ type: 'PauseAgent', reason: 'phone_lost' });
  return { ...line, phase: { kind: 'lost' } };
}

/** The line is not wanted any more (signed out, or the phone left with nobody signed in): ended quietly. */
function endLine(line: AgentLine, out: LineCommand[]): AgentLine {
  const phase = line.phase;
  if (phase.kind === 'up' || phase.kind === 'dialing') out.push({ type: 'HangUpLine', lineId: phase.lineId });
  if (phase.kind === 'retrying') out.push({ type: 'CancelTimer', timerId: lineTimer(line.agentId) });
  return { ...line, phase: { kind: 'none' } };
}
