// A TelephonyPort for fast tests: records every request in the order it was made, and answers each as
// told: at once (the default), with a rejection, or not until the test releases it (a deferred),
// for the next matching request or for all of them. Also `settle()`, which lets the fakes' answers run.
import type { DialplanEntry } from '../../src/domain/calls/dialplan-menus.js';
import type { AgentDialRequest, CitizenDialRequest, OutboundDialRequest, PartyDialRequest, PlayableSound, TelephonyPort } from '../../src/app/ports/telephony.js';

export type TelephonyMethod = keyof TelephonyPort;
type ArgsOf<M extends TelephonyMethod> = Parameters<TelephonyPort[M]>;

/** One request as the port received it. */
export type TelephonyRequest = { [M in TelephonyMethod]: { readonly method: M; readonly args: ArgsOf<M> } }[TelephonyMethod];

/** A request held open until the test says how it ends. */
export class Deferred {
  readonly promise: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  private done = false;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // A request nobody awaits (sent and not waited for) must not fail the run when it is rejected.
    this.promise.catch(() => undefined);
  }

  get settled(): boolean {
    return this.done;
  }

  release(): void {
    this.done = true;
    this.settle.resolve();
  }

  fail(error: Error = new Error('request failed')): void {
    this.done = true;
    this.settle.reject(error);
  }
}

type Behaviour = { readonly kind: 'fail'; readonly error: Error } | { readonly kind: 'hang'; readonly gate: Deferred };

interface OnceRule {
  readonly method: TelephonyMethod;
  readonly match: (args: readonly unknown[]) => boolean;
  readonly behaviour: Behaviour;
}

/** Lets every answer the fakes have given (and what it set off) run, without a real timer. */
export async function settle(rounds = 3): Promise<void> {
  for (let round = 0; round < rounds; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeTelephony implements TelephonyPort {
  readonly requests: TelephonyRequest[] = [];
  private readonly once: OnceRule[] = [];
  private readonly always = new Map<TelephonyMethod, Behaviour>();

  /** The next request of `method` (that `match` accepts) is rejected with `error`. */
  failNext<M extends TelephonyMethod>(method: M, error: Error = new Error(`${method} failed`), match?: (args: ArgsOf<M>) => boolean): void {
    this.once.push({ method, match: asMatcher(match), behaviour: { kind: 'fail', error } });
  }

  /** Every request of `method` is rejected with `error` from now on. */
  failAlways(method: TelephonyMethod, error: Error = new Error(`${method} failed`)): void {
    this.always.set(method, { kind: 'fail', error });
  }

  /** The next request of `method` (that `match` accepts) hangs until the returned deferred is released or failed. */
  hangNext<M extends TelephonyMethod>(method: M, match?: (args: ArgsOf<M>) => boolean): Deferred {
    const gate = new Deferred();
    this.once.push({ method, match: asMatcher(match), behaviour: { kind: 'hang', gate } });
    return gate;
  }

  /** Every request of `method` hangs until the returned deferred is released or failed. */
  hangAlways(method: TelephonyMethod): Deferred {
    const gate = new Deferred();
    this.always.set(method, { kind: 'hang', gate });
    return gate;
  }

  /** `method` answers at once again. */
  restore(method: TelephonyMethod): void {
    this.always.delete(method);
    for (let index = this.once.length - 1; index >= 0; index -= 1) if (this.once[index]?.method === method) this.once.splice(index, 1);
  }

  /** The methods requested so far, in order. */
  methods(): TelephonyMethod[] {
    return this.requests.map((request) => request.method);
  }

  /** The arguments of every request of `method`, in order. */
  argsOf<M extends TelephonyMethod>(method: M): ArgsOf<M>[] {
    // Narrowed by the method's name: requests of `method` carry its arguments.
    return this.requests.filter((request) => request.method === method).map((request) => request.args as ArgsOf<M>);
  }

  answer(channelId: string): Promise<void> {
    return this.invoke('answer', [channelId]);
  }

  playPrompts(channelId: string, prompts: readonly PlayableSound[], language: string, playbackId: string): Promise<void> {
    return this.invoke('playPrompts', [channelId, prompts, language, playbackId]);
  }

  /** Playbacks the test says never began (queued or unknown to the phone system). */
  readonly stalledPlaybacks = new Set<string>();

  async promptBegun(playbackId: string): Promise<boolean> {
    await this.invoke('promptBegun', [playbackId]);
    return !this.stalledPlaybacks.has(playbackId);
  }

  stopPrompts(playbackId: string): Promise<void> {
    return this.invoke('stopPrompts', [playbackId]);
  }

  stopHold(channelId: string): Promise<void> {
    return this.invoke('stopHold', [channelId]);
  }

  recordMessage(channelId: string, name: string, maxSeconds: number, beep: boolean): Promise<void> {
    return this.invoke('recordMessage', [channelId, name, maxSeconds, beep]);
  }

  startHold(channelId: string, musicClass: string): Promise<void> {
    return this.invoke('startHold', [channelId, musicClass]);
  }

  markCall(channelId: string, name: string, value: string): Promise<void> {
    return this.invoke('markCall', [channelId, name, value]);
  }

  hangup(channelId: string): Promise<void> {
    return this.invoke('hangup', [channelId]);
  }

  transfer(channelId: string, destination: string): Promise<void> {
    return this.invoke('transfer', [channelId, destination]);
  }

  sendToHumanFallback(channelId: string): Promise<void> {
    return this.invoke('sendToHumanFallback', [channelId]);
  }

  continueIntoMenus(channelId: string, entry: DialplanEntry): Promise<void> {
    return this.invoke('continueIntoMenus', [channelId, entry]);
  }

  continueIntoSurvey(channelId: string, entry: DialplanEntry): Promise<void> {
    return this.invoke('continueIntoSurvey', [channelId, entry]);
  }

  dialAgent(request: AgentDialRequest): Promise<void> {
    return this.invoke('dialAgent', [request]);
  }

  connect(callerChannelId: string, agentLegId: string, conversationId: string): Promise<void> {
    return this.invoke('connect', [callerChannelId, agentLegId, conversationId]);
  }

  recordConversation(conversationId: string, callerChannelId: string, recordingName: string, legId: string | null): Promise<void> {
    return this.invoke('recordConversation', [conversationId, callerChannelId, recordingName, legId]);
  }

  disconnect(conversationId: string): Promise<void> {
    return this.invoke('disconnect', [conversationId]);
  }

  dialCitizen(request: CitizenDialRequest): Promise<void> {
    return this.invoke('dialCitizen', [request]);
  }

  dialParty(request: PartyDialRequest): Promise<void> {
    return this.invoke('dialParty', [request]);
  }

  dialOutbound(request: OutboundDialRequest): Promise<void> {
    return this.invoke('dialOutbound', [request]);
  }

  /** Channels this fake says still live (a test sets them), else gone. */
  readonly livingChannels = new Map<string, boolean>();

  async channelLives(channelId: string): Promise<{ readonly lives: false } | { readonly lives: true; readonly answered: boolean }> {
    await this.invoke('channelLives', [channelId]);
    const answered = this.livingChannels.get(channelId);
    return answered === undefined ? { lives: false } : { lives: true, answered };
  }

  join(conversationId: string, channelId: string): Promise<void> {
    return this.invoke('join', [conversationId, channelId]);
  }

  async callIdOf(channelId: string): Promise<string> {
    await this.invoke('callIdOf', [channelId]);
    return `call-of-${channelId}`;
  }

  private invoke<M extends TelephonyMethod>(method: M, args: ArgsOf<M>): Promise<void> {
    // The union member for `method`: TypeScript cannot pair a generic name with its arguments itself.
    this.requests.push({ method, args } as TelephonyRequest);
    const index = this.once.findIndex((rule) => rule.method === method && rule.match(args));
    const rule = index >= 0 ? this.once.splice(index, 1)[0] : undefined;
    const behaviour = rule?.behaviour ?? this.always.get(method);
    if (!behaviour) return Promise.resolve();
    if (behaviour.kind === 'fail') return Promise.reject(behaviour.error);
    return behaviour.gate.promise;
  }
}

function asMatcher<M extends TelephonyMethod>(match: ((args: ArgsOf<M>) => boolean) | undefined): (args: readonly unknown[]) => boolean {
  // Only ever called with the arguments of a request of the rule's own method.
  return match ? (args) => match(args as ArgsOf<M>) : () => true;
}
