// From what the observer saw to one timeline per citizen call: when the INVITE made the channel,
// when the first prompt started, each key and the prompt it led to, which agent's phone was rung
// for it (the agent channel that later shares a bridge with the citizen) and when it hung up.
import type { Observed } from './ari-observer.js';

export interface KeyPress {
  readonly digit: string;
  readonly at: number;
  /** The first prompt on the channel after this key and before the next one. */
  nextPromptAt: number | null;
}

export interface CitizenCall {
  readonly channelId: string;
  readonly number: string;
  readonly invitedAt: number;
  firstPromptAt: number | null;
  readonly keys: KeyPress[];
  agentChannelId: string | null;
  /** When the agent's phone was rung (its channel was created). */
  offeredAt: number | null;
  bridgedAt: number | null;
  hangupAt: number | null;
  destroyedAt: number | null;
}

export interface ChannelRoles {
  readonly isCitizen: (name: string) => boolean;
  readonly isAgent: (name: string) => boolean;
}

export const PJSIP_ROLES: ChannelRoles = {
  isCitizen: (name) => name.startsWith('PJSIP/citizen-trunk-'),
  isAgent: (name) => name.startsWith('PJSIP/agent-'),
};

interface Tracking {
  readonly calls: Map<string, CitizenCall>;
  readonly agentCreated: Map<string, number>;
  readonly bridges: Map<string, { citizen?: CitizenCall; agent?: string }>;
}

function prompted(call: CitizenCall, at: number): void {
  const last = call.keys.at(-1);
  if (!last) call.firstPromptAt ??= at;
  else last.nextPromptAt ??= at;
}

function bridged(t: Tracking, event: Observed): void {
  const bridgeId = event.detail ?? '';
  const bridge = t.bridges.get(bridgeId) ?? {};
  t.bridges.set(bridgeId, bridge);
  const call = t.calls.get(event.channelId);
  if (call) {
    bridge.citizen = call;
    call.bridgedAt ??= event.at;
  } else if (t.agentCreated.has(event.channelId)) {
    bridge.agent ??= event.channelId;
  }
  const citizen = bridge.citizen;
  if (citizen && bridge.agent && citizen.agentChannelId === null) {
    citizen.agentChannelId = bridge.agent;
    citizen.offeredAt = t.agentCreated.get(bridge.agent) ?? null;
  }
}

/** Timelines of every citizen channel seen, in the order they were created. */
export function citizenCalls(events: readonly Observed[], roles: ChannelRoles = PJSIP_ROLES): CitizenCall[] {
  const t: Tracking = { calls: new Map(), agentCreated: new Map(), bridges: new Map() };
  for (const event of events) {
    const call = t.calls.get(event.channelId);
    switch (event.kind) {
      case 'created':
        if (roles.isCitizen(event.name ?? '')) {
          t.calls.set(event.channelId, { channelId: event.channelId, number: event.number ?? '', invitedAt: event.at, firstPromptAt: null, keys: [], agentChannelId: null, offeredAt: null, bridgedAt: null, hangupAt: null, destroyedAt: null });
        } else if (roles.isAgent(event.name ?? '')) {
          t.agentCreated.set(event.channelId, event.at);
        }
        break;
      case 'prompt':
        if (call) prompted(call, event.at);
        break;
      case 'key':
        call?.keys.push({ digit: event.detail ?? '', at: event.at, nextPromptAt: null });
        break;
      case 'bridged':
        bridged(t, event);
        break;
      case 'hangup':
        if (call) call.hangupAt ??= event.at;
        break;
      case 'destroyed':
        if (call) {
          call.destroyedAt = event.at;
          call.hangupAt ??= event.at;
        }
        break;
    }
  }
  return [...t.calls.values()];
}

export interface CallLatencies {
  readonly inviteToFirstPrompt: number[];
  /** Keys that lead to another menu (every key of the path but the one that queues the call). */
  readonly keyToNextPrompt: number[];
  /** The key that queues the call → the agent's phone rung. */
  readonly enqueueToOffer: number[];
}

export function callLatencies(calls: readonly CitizenCall[], menuKeys: number): CallLatencies {
  const out = { inviteToFirstPrompt: [] as number[], keyToNextPrompt: [] as number[], enqueueToOffer: [] as number[] };
  for (const call of calls) {
    if (call.firstPromptAt !== null) out.inviteToFirstPrompt.push(call.firstPromptAt - call.invitedAt);
    for (const key of call.keys.slice(0, menuKeys)) if (key.nextPromptAt !== null) out.keyToNextPrompt.push(key.nextPromptAt - key.at);
    const queueing = call.keys[menuKeys];
    if (queueing && call.offeredAt !== null) out.enqueueToOffer.push(call.offeredAt - queueing.at);
  }
  return out;
}

/** A call went the whole way: every key heard, every menu key answered with its prompt, an agent talked. */
export function completedPath(call: CitizenCall, keys: readonly string[]): boolean {
  const menuKeysPrompted = call.keys.slice(0, keys.length - 1).every((key) => key.nextPromptAt !== null);
  return call.firstPromptAt !== null && call.keys.map((key) => key.digit).join('') === keys.join('') && menuKeysPrompted && call.bridgedAt !== null && call.agentChannelId !== null;
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
