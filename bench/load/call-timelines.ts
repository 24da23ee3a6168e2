// From what the observer saw to one timeline per citizen call: when the INVITE made the channel,
// every prompt it heard, each key with the prompt it answered and the prompt it led to, which
// agent's phone answered it (the agent channel that shows the citizen's number, as its caller with
// the hotline's originate or as its connected party with app_queue), when that agent hung up, and the RTP
// figures Asterisk set on both call sides as they hung up; and whether the dialplan answered the
// call itself (overload protection's shed), which then never reaches the server's menus.
import type { Observed } from './ari-observer.js';

/** One step of the caller's journey: the prompt they wait for, the key they press, where it leads. */
export interface JourneyStep {
  readonly prompt: string;
  readonly key: string;
  /** 'prompt': another prompt follows the key (timed as key → next prompt); 'queue': the call waits for an agent. */
  readonly leadsTo: 'prompt' | 'queue';
}

export interface KeyPress {
  readonly digit: string;
  readonly at: number;
  /** When the prompt this key answers last started before it; null when it had not. */
  promptAt: number | null;
  /** The first prompt on the channel after this key and before the next one. */
  nextPromptAt: number | null;
}

/** The dialplan's human fallback prompt (dialplan/hotline.conf [human-fallback]), before its queue. */
export const FALLBACK_PROMPT = 'fallback_transfer';
/** The dialplan's prompt to a caller past the line limit (HOTLINE_MAX_CALLS), before it hangs up. */
export const BUSY_PROMPT = 'lines_busy';
/** Prompts after which no menu follows: the caller waits for the fallback queue's agent, or for the hang-up. */
export const NO_MENU_PROMPTS: readonly string[] = [FALLBACK_PROMPT, BUSY_PROMPT];

export interface CitizenCall {
  readonly channelId: string;
  readonly number: string;
  readonly invitedAt: number;
  /** When the channel's thread reached its `Answer` step. */
  answeringAt: number | null;
  /** When Asterisk answered the caller (the channel went Up). */
  upAt: number | null;
  /** Why the dialplan answered the call itself, without the server (its mark: shed, server-away); null when it did not. */
  dialplanAnswer: string | null;
  firstPromptAt: number | null;
  readonly prompts: { readonly name: string; readonly at: number }[];
  readonly keys: KeyPress[];
  agentChannelId: string | null;
  /** When the answering agent's phone was rung (its channel was created). */
  offeredAt: number | null;
  /** When that agent answered: the conversation starts. */
  answeredAt: number | null;
  /** When that agent hung up: the conversation ends and the survey starts. */
  agentHangupAt: number | null;
  hangupAt: number | null;
  destroyedAt: number | null;
  /** Asterisk's RTPAUDIOQOS of the caller's channel and of the agent's, set as each hung up. */
  qos: string | null;
  agentQos: string | null;
}

export interface ChannelRoles {
  readonly isCitizen: (name: string) => boolean;
  readonly isAgent: (name: string) => boolean;
}

export const PJSIP_ROLES: ChannelRoles = {
  isCitizen: (name) => name.startsWith('PJSIP/citizen-trunk-'),
  isAgent: (name) => name.startsWith('PJSIP/agent-'),
};

interface AgentChannel {
  readonly createdAt: number;
  /** The numbers it has shown, caller and connected: one of them is its citizen's. */
  readonly numbers: Set<string>;
}

interface Tracking {
  readonly calls: Map<string, CitizenCall>;
  readonly byNumber: Map<string, CitizenCall>;
  readonly agents: Map<string, AgentChannel>;
  /** Agent channel → the call it answered. */
  readonly answered: Map<string, CitizenCall>;
}

function newCall(event: Observed): CitizenCall {
  return {
    channelId: event.channelId, number: event.number ?? '', invitedAt: event.at, answeringAt: null, upAt: null, dialplanAnswer: null, firstPromptAt: null, prompts: [], keys: [],
    agentChannelId: null, offeredAt: null, answeredAt: null, agentHangupAt: null, hangupAt: null, destroyedAt: null, qos: null, agentQos: null,
  };
}

function prompted(call: CitizenCall, at: number, name: string): void {
  call.prompts.push({ name, at });
  const last = call.keys.at(-1);
  if (!last) call.firstPromptAt ??= at;
  else last.nextPromptAt ??= at;
}

function created(t: Tracking, event: Observed, roles: ChannelRoles): void {
  const name = event.name ?? '';
  if (roles.isCitizen(name)) {
    const call = newCall(event);
    t.calls.set(event.channelId, call);
    if (call.number) t.byNumber.set(call.number, call);
  } else if (roles.isAgent(name)) {
    t.agents.set(event.channelId, { createdAt: event.at, numbers: new Set() });
  }
}

/** An agent channel answered: the call whose caller it shows is now talking to it. */
function agentUp(t: Tracking, event: Observed): void {
  const agent = t.agents.get(event.channelId);
  if (!agent) return;
  const call = [...agent.numbers].map((number) => t.byNumber.get(number)).find((c) => c !== undefined);
  if (!call || call.answeredAt !== null) return;
  call.agentChannelId = event.channelId;
  call.offeredAt = agent.createdAt;
  call.answeredAt = event.at;
  t.answered.set(event.channelId, call);
}

function agentEvent(t: Tracking, event: Observed): void {
  for (const number of [event.number, event.connected]) if (number) t.agents.get(event.channelId)?.numbers.add(number);
  const call = t.answered.get(event.channelId);
  if (event.kind === 'up') agentUp(t, event);
  else if (call && (event.kind === 'hangup' || event.kind === 'destroyed')) call.agentHangupAt ??= event.at;
  else if (call && event.kind === 'qos') call.agentQos ??= event.detail ?? '';
}

function citizenEvent(call: CitizenCall, event: Observed): void {
  switch (event.kind) {
    case 'prompt':
      prompted(call, event.at, event.detail ?? '');
      break;
    case 'key':
      call.keys.push({ digit: event.detail ?? '', at: event.at, promptAt: null, nextPromptAt: null });
      break;
    case 'answering':
      call.answeringAt ??= event.at;
      break;
    case 'up':
      call.upAt ??= event.at;
      break;
    case 'dialplan-call':
      call.dialplanAnswer ??= event.detail ?? '';
      break;
    case 'hangup':
      call.hangupAt ??= event.at;
      break;
    case 'destroyed':
      call.destroyedAt = event.at;
      call.hangupAt ??= event.at;
      break;
    case 'qos':
      call.qos ??= event.detail ?? '';
      break;
    default:
      break;
  }
}

/** Each key's answered prompt: the last start of its journey step's prompt before the key. */
function answeredPrompts(call: CitizenCall, journey: readonly JourneyStep[]): void {
  call.keys.forEach((key, i) => {
    const prompt = journey[i]?.prompt;
    const before = call.prompts.filter((p) => p.name === prompt && p.at <= key.at).at(-1);
    key.promptAt = before?.at ?? null;
  });
}

/** Timelines of every citizen channel seen, in the order they were created. */
export function citizenCalls(events: readonly Observed[], journey: readonly JourneyStep[] = [], roles: ChannelRoles = PJSIP_ROLES): CitizenCall[] {
  const t: Tracking = { calls: new Map(), byNumber: new Map(), agents: new Map(), answered: new Map() };
  for (const event of events) {
    if (event.kind === 'created') created(t, event, roles);
    const call = t.calls.get(event.channelId);
    if (call) citizenEvent(call, event);
    else if (t.agents.has(event.channelId)) agentEvent(t, event);
  }
  const calls = [...t.calls.values()];
  for (const call of calls) answeredPrompts(call, journey);
  return calls;
}

export interface CallLatencies {
  readonly inviteToFirstPrompt: number[];
  /** Keys that lead to another prompt (the menus' and the survey's, not the one that queues the call). */
  readonly keyToNextPrompt: number[];
  /** The key that queues the call → the answering agent's phone rung. */
  readonly enqueueToOffer: number[];
  /** Each key after the start of the prompt it answers (the caller's reaction, as scheduled). */
  readonly promptToKey: number[];
}

export function callLatencies(calls: readonly CitizenCall[], journey: readonly JourneyStep[]): CallLatencies {
  const out: CallLatencies = { inviteToFirstPrompt: [], keyToNextPrompt: [], enqueueToOffer: [], promptToKey: [] };
  for (const call of calls) {
    if (call.firstPromptAt !== null) out.inviteToFirstPrompt.push(call.firstPromptAt - call.invitedAt);
    call.keys.forEach((key, i) => {
      const step = journey[i];
      if (key.promptAt !== null) out.promptToKey.push(key.at - key.promptAt);
      if (step?.leadsTo === 'prompt' && key.nextPromptAt !== null) out.keyToNextPrompt.push(key.nextPromptAt - key.at);
      if (step?.leadsTo === 'queue' && call.offeredAt !== null) out.enqueueToOffer.push(call.offeredAt - key.at);
    });
  }
  return out;
}

/** Where a call's journey broke, the first fault found in its order, or null when it went the whole way. */
export function pathFault(call: CitizenCall, journey: readonly JourneyStep[]): string | null {
  const queueing = journey.findIndex((step) => step.leadsTo === 'queue');
  const menus = call.keys.slice(0, queueing + 1);
  const survey = call.prompts.find((p) => p.name === journey.at(-1)?.prompt && call.agentHangupAt !== null && p.at >= call.agentHangupAt);
  const checks: [boolean, string][] = [
    [call.firstPromptAt === null, 'no greeting'],
    [call.prompts.some((p) => p.name === FALLBACK_PROMPT), 'sent to the human fallback'],
    [call.keys.some((key) => key.promptAt === null), 'a key before its prompt'],
    [menus.length < queueing + 1, 'a menu key missing'],
    [menus.some((key, i) => journey[i]?.leadsTo === 'prompt' && key.nextPromptAt === null), 'a menu key unanswered'],
    [call.answeredAt === null || call.agentChannelId === null, 'no agent answered'],
    [call.agentHangupAt === null, 'the agent never hung up'],
    [survey === undefined, 'the survey never played'],
    [call.keys.length < journey.length, 'the survey key missing'],
    [call.keys.some((key, i) => journey[i]?.leadsTo === 'prompt' && key.nextPromptAt === null), 'the survey key unanswered'],
    [call.keys.map((key) => key.digit).join('') !== journey.map((step) => step.key).join(''), 'other keys than the journey\'s'],
  ];
  return checks.find(([failed]) => failed)?.[1] ?? null;
}

/**
 * A call went the whole way: every key pressed after its prompt began, every key that leads to a
 * prompt answered with one, an agent answered and hung up, and the survey came after the talk.
 */
export function completedPath(call: CitizenCall, journey: readonly JourneyStep[]): boolean {
  return pathFault(call, journey) === null;
}

/** Citizen channels alive at each whole second from `from` to `to` (ms). */
export function concurrency(calls: readonly CitizenCall[], from: number, to: number): number[] {
  const seconds = Math.max(0, Math.ceil((to - from) / 1000));
  const delta = new Array<number>(seconds + 1).fill(0);
  const slot = (at: number): number => Math.min(seconds, Math.max(0, Math.ceil((at - from) / 1000)));
  for (const call of calls) {
    delta[slot(call.invitedAt)] = (delta[slot(call.invitedAt)] ?? 0) + 1;
    if (call.destroyedAt !== null) delta[slot(call.destroyedAt)] = (delta[slot(call.destroyedAt)] ?? 0) - 1;
  }
  let alive = 0;
  return delta.slice(0, seconds).map((change) => (alive += change));
}
