// The agent's line: one long call the server keeps open to a signed-in agent's browser phone, so a
// citizen is put through by moving the line into the conversation (the pop is the "ringing"), and a
// frozen background tab cannot miss a ring. Pure: (line, event) → (line, commands); the app carries
// the commands out (an originate marked X-Hotline-Line, a hang-up, the ACD's pause) and timers come
// back as events.
//
// The rules, in the hotline's words:
// - A line is wanted while the agent is signed in and their browser phone is registered. Then it is
//   dialed; the page answers it by itself.
// - A line that cannot be made is tried again after 1, 2 and 5 s; after that the agent is paused
//   with `phone_lost`: nobody could reach them.
// - A line lost while wanted (the tab closed, the network dropped, the phone hung it up) pauses the
//   agent with `phone_lost` and gives back a call being offered on it, at no fault of the agent (it
//   returns to its place in line). It is dialed again when the agent resumes, not before: the agent
//   must know their phone went away.
// - Signing out or unregistering the phone on purpose ends the line without a pause.

/** Where the agent's line stands. */
export type LinePhase =
  | { readonly kind: 'none' }
  | { readonly kind: 'dialing'; readonly lineId: string; readonly attempt: number }
  | { readonly kind: 'retrying'; readonly attempt: number }
  | { readonly kind: 'up'; readonly lineId: string; readonly offer: string | null }
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
  | { readonly type: 'TimerFired'; readonly timerId: string }
  /** A call is offered to the agent on this line (`legId`: the call machine's id for the agent's side). */
  | { readonly type: 'OfferRung'; readonly legId: string }
  /** That offer was answered, withdrawn or given back: the line carries no offer. */
  | { readonly type: 'OfferEnded'; readonly legId: string };

export type LineCommand =
  | { readonly type: 'DialLine'; readonly lineId: string }
  | { readonly type: 'HangUpLine'; readonly lineId: string }
  | { readonly type: 'StartTimer'; readonly timerId: string; readonly ms: number }
  | { readonly type: 'CancelTimer'; readonly timerId: string }
  /** Whether calls may be offered to the agent on a line now. */
  | { readonly type: 'LineReady'; readonly ready: boolean }
  | { readonly type: 'PauseAgent'; readonly reason: 'phone_lost' }
  /** The offer ringing on a lost line fails at no fault of the agent. */
  | { readonly type: 'GiveBackOffer'; readonly legId: string };

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
      return line.phase.kind === 'lost' && wanted(line) ? dial({ ...line, phase: { kind: 'none' } }, 0, out) : line;
    case 'LineAnswered':
      return answered(line, event.lineId, out);
    case 'LineGone':
      return gone(line, event.lineId, out);
    case 'TimerFired':
      return event.timerId === lineTimer(line.agentId) && line.phase.kind === 'retrying' && wanted(line) ? dial(line, line.phase.attempt, out) : line;
    case 'OfferRung':
      return line.phase.kind === 'up' ? { ...line, phase: { ...line.phase, offer: event.legId } } : line;
    case 'OfferEnded':
      return line.phase.kind === 'up' && line.phase.offer === event.legId ? { ...line, phase: { ...line.phase, offer: null } } : line;
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
  if (lostPhone && before.signedIn && phase.kind !== 'lost') return lose(next, out);
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
  out.push({ type: 'LineReady', ready: true });
  return { ...line, phase: { kind: 'up', lineId, offer: null } };
}

function gone(line: AgentLine, lineId: string, out: LineCommand[]): AgentLine {
  const phase = line.phase;
  if (phase.kind === 'dialing' && phase.lineId === lineId) return retry(line, phase.attempt + 1, out);
  if (phase.kind === 'up' && phase.lineId === lineId) return lose(line, out);
  return line;
}

function retry(line: AgentLine, attempt: number, out: LineCommand[]): AgentLine {
  const wait = LINE_RETRY_MS[attempt - 1];
  // The last try's channel is already gone: nothing to hang up.
  if (wait === undefined) return lose({ ...line, phase: { kind: 'none' } }, out);
  out.push({ type: 'StartTimer', timerId: lineTimer(line.agentId), ms: wait });
  return { ...line, phase: { kind: 'retrying', attempt } };
}

/** The line went away under a signed-in agent: paused until they resume; an offer on it is given back. */
function lose(line: AgentLine, out: LineCommand[]): AgentLine {
  const phase = line.phase;
  if (phase.kind === 'up') {
    out.push({ type: 'LineReady', ready: false });
    if (phase.offer !== null) out.push({ type: 'GiveBackOffer', legId: phase.offer });
  }
  if (phase.kind === 'dialing') out.push({ type: 'HangUpLine', lineId: phase.lineId });
  if (phase.kind === 'retrying') out.push({ type: 'CancelTimer', timerId: lineTimer(line.agentId) });
  out.push({ type: 'PauseAgent', reason: 'phone_lost' });
  return { ...line, phase: { kind: 'lost' } };
}

/** The line is not wanted any more (signed out, or the phone left with nobody signed in): ended quietly. */
function endLine(line: AgentLine, out: LineCommand[]): AgentLine {
  const phase = line.phase;
  if (phase.kind === 'up') {
    out.push({ type: 'LineReady', ready: false });
    if (phase.offer !== null) out.push({ type: 'GiveBackOffer', legId: phase.offer });
    out.push({ type: 'HangUpLine', lineId: phase.lineId });
  }
  if (phase.kind === 'dialing') out.push({ type: 'HangUpLine', lineId: phase.lineId });
  if (phase.kind === 'retrying') out.push({ type: 'CancelTimer', timerId: lineTimer(line.agentId) });
  return { ...line, phase: { kind: 'none' } };
}
