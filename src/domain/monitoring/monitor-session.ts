// A supervisor on a call in conversation (监听 listen / 密语 whisper / 强插 barge): one session per
// supervisor and call. Pure: (session, event) → (session, commands); the app carries the commands
// out on the phone system and reports back.
//
// How it sounds, in the hotline's words:
// - The supervisor's phone is rung; once answered it joins a bridge of the session's own, with a
//   "spy" on the agent's leg: it hears what the agent hears and says (caller and agent).
// - The mode is where the supervisor's voice goes: nowhere (listen), to the agent only (whisper), to
//   the agent and into the conversation, so the caller hears it too (barge). A spy's direction is
//   fixed when it is made, so a change makes a new spy, joins it, then ends the old one: the
//   supervisor is never dropped, and the conversation's own bridge and recording are never touched.
// - The session ends when the supervisor stops or hangs up, or the conversation ends; its spans
//   (mode, from, to) go to the audit log and the call's recording timeline.
// - 拦截 take-over ends it too, but keeps the supervisor's phone: it leaves the session's bridge and
//   is handed to the call, which puts it in the conversation in the agent's place.

export type MonitorMode = 'listen' | 'whisper' | 'barge';

export const MONITOR_MODES: readonly MonitorMode[] = ['listen', 'whisper', 'barge'];

/** Where the spy sends the supervisor's voice on the agent's leg: nowhere, to the agent, to both sides. */
export type WhisperDirection = 'none' | 'out' | 'both';

const WHISPER_OF: Readonly<Record<MonitorMode, WhisperDirection>> = { listen: 'none', whisper: 'out', barge: 'both' };

export interface MonitorSpan {
  readonly mode: MonitorMode;
  readonly from: number;
  /** Null while the span goes on. */
  readonly to: number | null;
}

export type MonitorEndReason = 'stopped' | 'supervisor-left' | 'conversation-ended' | 'spy-failed' | 'taken-over';

/** What the agent's desktop shows: how they are heard, or that the supervisor took their caller. */
export type MonitorBanner = MonitorMode | 'take-over';

export type MonitorPhase =
  | { readonly kind: 'ringing' }
  /** Answered; the first spy on the agent's leg is being made. */
  | { readonly kind: 'joining'; readonly spy: string }
  /** The supervisor hears the call; `next` is a change of mode under way (its new spy). */
  | { readonly kind: 'on'; readonly spy: string; readonly next: { readonly spy: string; readonly mode: MonitorMode } | null }
  | { readonly kind: 'ended'; readonly why: MonitorEndReason };

export interface MonitorSession {
  readonly id: string;
  readonly callId: string;
  readonly supervisorId: string;
  readonly agentId: string;
  /** The agent's leg the spies are made on (the call machine's id of it). */
  readonly agentLeg: string;
  readonly supervisorLeg: string;
  readonly bridge: string;
  /** The mode the supervisor asked for last (the one heard may still be changing to it). */
  readonly mode: MonitorMode;
  /** Whether silent listening is announced to the agent too (a setting; whisper and barge always are). */
  readonly announceListen: boolean;
  readonly phase: MonitorPhase;
  readonly spans: readonly MonitorSpan[];
  /** Spies made so far: each gets an id of its own. */
  readonly spies: number;
  readonly startedAt: number;
}

export type MonitorEvent =
  | { readonly type: 'SupervisorAnswered'; readonly at: number }
  | { readonly type: 'SpyJoined'; readonly spy: string; readonly at: number }
  | { readonly type: 'SpyFailed'; readonly spy: string; readonly at: number }
  | { readonly type: 'ModeChosen'; readonly mode: MonitorMode; readonly at: number }
  | { readonly type: 'StopAsked'; readonly at: number }
  /** The supervisor's phone hung up, or was never answered. */
  | { readonly type: 'SupervisorLeft'; readonly at: number }
  /** The call is no longer in conversation with this agent (ended, transferred, taken over). */
  | { readonly type: 'ConversationEnded'; readonly at: number }
  /** The supervisor takes the caller over (拦截): only once they hear the call. */
  | { readonly type: 'TakeOverAsked'; readonly at: number };

export type MonitorCommand =
  | { readonly type: 'DialSupervisor'; readonly legId: string }
  /** Make a spy on the agent's leg with this direction and join it to the session's bridge (with the supervisor's leg). */
  | { readonly type: 'MakeSpy'; readonly spy: string; readonly whisper: WhisperDirection }
  | { readonly type: 'HangUp'; readonly channelId: string }
  | { readonly type: 'EndBridge' }
  /** What the agent's desktop shows: the mode, or null for no banner. */
  | { readonly type: 'TellAgent'; readonly mode: MonitorBanner | null }
  /** Take the supervisor's phone out of the session's bridge (which then ends) and give it to the call. */
  | { readonly type: 'HandOver'; readonly legId: string }
  | { readonly type: 'Audit'; readonly action: 'call.monitor.started' | 'call.monitor.mode' | 'call.monitor.ended'; readonly detail: Readonly<Record<string, unknown>> };

export interface MonitorStep {
  readonly session: MonitorSession;
  readonly commands: readonly MonitorCommand[];
}

/** What a session starts from: who, on which call and leg, in which mode, and when. */
export type MonitorStart = Pick<MonitorSession, 'id' | 'callId' | 'supervisorId' | 'agentId' | 'agentLeg' | 'supervisorLeg' | 'bridge' | 'mode' | 'announceListen'> & { readonly at: number };

/** The spy ids of a session: the session's id and a number. */
export const spyId = (sessionId: string, seq: number): string => `spy-${seq}-${sessionId}`;

export function startMonitor(start: MonitorStart): MonitorStep {
  const { at, ...fields } = start;
  const session: MonitorSession = { ...fields, phase: { kind: 'ringing' }, spans: [], spies: 0, startedAt: at };
  return { session, commands: [{ type: 'DialSupervisor', legId: start.supervisorLeg }] };
}

export function stepMonitor(session: MonitorSession, event: MonitorEvent): MonitorStep {
  const out: MonitorCommand[] = [];
  if (session.phase.kind === 'ended') return { session, commands: [] };
  return { session: apply(session, event, out), commands: out };
}

/** The banner the agent sees for a mode (none for silent listening, unless announced). */
export const bannerOf = (session: Pick<MonitorSession, 'announceListen'>, mode: MonitorMode): MonitorMode | null => (mode === 'listen' && !session.announceListen ? null : mode);

function apply(session: MonitorSession, event: MonitorEvent, out: MonitorCommand[]): MonitorSession {
  const phase = session.phase;
  switch (event.type) {
    case 'SupervisorAnswered':
      return phase.kind === 'ringing' ? makeSpy(session, session.mode, out, (spy) => ({ kind: 'joining', spy })) : session;
    case 'SpyJoined':
      return joined(session, event.spy, event.at, out);
    case 'SpyFailed':
      return spyFailed(session, event.spy, event.at, out);
    case 'ModeChosen':
      return chosen({ ...session, mode: event.mode }, out);
    case 'StopAsked':
      return end(session, 'stopped', event.at, out);
    case 'SupervisorLeft':
      return end(session, 'supervisor-left', event.at, out);
    case 'ConversationEnded':
      return end(session, 'conversation-ended', event.at, out);
    case 'TakeOverAsked':
      return phase.kind === 'on' ? end(session, 'taken-over', event.at, out) : session;
  }
}

function makeSpy(session: MonitorSession, mode: MonitorMode, out: MonitorCommand[], phaseOf: (spy: string) => MonitorPhase): MonitorSession {
  const spies = session.spies + 1;
  const spy = spyId(session.id, spies);
  out.push({ type: 'MakeSpy', spy, whisper: WHISPER_OF[mode] });
  return { ...session, spies, phase: phaseOf(spy) };
}

/** A change asked while hearing: a new spy, unless the mode heard (or being made) is the one asked. */
function chosen(session: MonitorSession, out: MonitorCommand[]): MonitorSession {
  const phase = session.phase;
  if (phase.kind !== 'on' || phase.next !== null || currentMode(session) === session.mode) return session;
  return makeSpy(session, session.mode, out, (spy) => ({ ...phase, next: { spy, mode: session.mode } }));
}

function joined(session: MonitorSession, spy: string, at: number, out: MonitorCommand[]): MonitorSession {
  const phase = session.phase;
  if (phase.kind === 'joining' && phase.spy === spy) {
    const mode = session.mode;
    // Silent listening stays silent: the agent's desktop is told nothing at all.
    if (bannerOf(session, mode) !== null) out.push({ type: 'TellAgent', mode: bannerOf(session, mode) });
    out.push({ type: 'Audit', action: 'call.monitor.started', detail: { mode } });
    return chosen({ ...session, phase: { kind: 'on', spy, next: null }, spans: [{ mode, from: at, to: null }] }, out);
  }
  if (phase.kind !== 'on' || phase.next?.spy !== spy) {
    // A spy nobody waits for any more: not kept.
    out.push({ type: 'HangUp', channelId: spy });
    return session;
  }
  // The new path is heard: the old spy goes, and the span of the new mode begins.
  const from = currentMode(session);
  const mode = phase.next.mode;
  out.push({ type: 'HangUp', channelId: phase.spy });
  if (bannerOf(session, from) !== bannerOf(session, mode)) out.push({ type: 'TellAgent', mode: bannerOf(session, mode) });
  out.push({ type: 'Audit', action: 'call.monitor.mode', detail: { from, to: mode } });
  const spans = [...closeSpans(session.spans, at), { mode, from: at, to: null }];
  return chosen({ ...session, phase: { kind: 'on', spy, next: null }, spans }, out);
}

function spyFailed(session: MonitorSession, spy: string, at: number, out: MonitorCommand[]): MonitorSession {
  const phase = session.phase;
  if (phase.kind === 'joining' && phase.spy === spy) return end(session, 'spy-failed', at, out);
  // A change that could not be made: the mode heard stays, and is what the supervisor has.
  if (phase.kind === 'on' && phase.next?.spy === spy) return { ...session, mode: currentMode(session), phase: { ...phase, next: null } };
  return session;
}

function end(session: MonitorSession, why: MonitorEndReason, at: number, out: MonitorCommand[]): MonitorSession {
  const phase = session.phase;
  const handOver = why === 'taken-over';
  if (why !== 'supervisor-left' && !handOver) out.push({ type: 'HangUp', channelId: session.supervisorLeg });
  if (phase.kind === 'joining') out.push({ type: 'HangUp', channelId: phase.spy });
  if (phase.kind === 'on') {
    out.push({ type: 'HangUp', channelId: phase.spy });
    if (phase.next) out.push({ type: 'HangUp', channelId: phase.next.spy });
    if (handOver) out.push({ type: 'TellAgent', mode: 'take-over' });
    else if (bannerOf(session, currentMode(session)) !== null) out.push({ type: 'TellAgent', mode: null });
  }
  out.push(handOver ? { type: 'HandOver', legId: session.supervisorLeg } : { type: 'EndBridge' });
  const spans = closeSpans(session.spans, at);
  if (spans.length > 0) out.push({ type: 'Audit', action: 'call.monitor.ended', detail: { why, spans } });
  return { ...session, spans, phase: { kind: 'ended', why } };
}

/** The mode the supervisor hears in now (the last span's), or the one asked before any. */
export function currentMode(session: MonitorSession): MonitorMode {
  return session.spans.at(-1)?.mode ?? session.mode;
}

function closeSpans(spans: readonly MonitorSpan[], at: number): MonitorSpan[] {
  return spans.map((span) => (span.to === null ? { ...span, to: at } : span));
}
