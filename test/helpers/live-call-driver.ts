// Drives calls through a real LiveCalls registry over the fake phone system: what Asterisk and the
// ACD would send for a call that arrives, waits in the general queue and is answered by an agent.
// Apart from call-machine-driver.ts, which steps the pure call machine alone, synchronously; this one
// goes through the registry's sessions and their commands, so every step is awaited until settled.
import type { LiveCalls } from '../../src/app/calls/live-calls.js';
import { settle } from './fake-telephony.js';
import type { FakeTimers } from './fake-timers.js';

/** What the driver needs of a test's harness: the registry, each call's timers and its clock. */
export interface LiveCallHarness {
  readonly live: LiveCalls;
  /** Each call's timers, in the order the calls arrived (the registry's `timers` factory fills it). */
  readonly timers: readonly FakeTimers[];
  /** Moves the test's clock on (by a second unless told) and returns the new time. */
  tick(ms?: number): number;
}

export class LiveCallDriver {
  constructor(
    private readonly harness: LiveCallHarness,
    /** The agent offered the call when a test names none. */
    private readonly defaultAgent: string,
  ) {}

  /** A citizen calls 12345 from 13800001111; the main menu starts. */
  async arrive(callId: string, channelId = `ch-${callId}`): Promise<void> {
    void this.harness.live.handle({ type: 'CallArrived', channelId, callId, callerNumber: '13800001111', callerName: null, dialedNumber: '12345', answered: false, at: this.harness.tick() });
    await settle();
  }

  /** Arrives; the main menu plays and times out with no key, so the call waits in the general queue. */
  async toQueue(callId: string): Promise<void> {
    await this.arrive(callId);
    const timers = this.harness.timers.at(-1);
    void this.harness.live.handle({ type: 'PromptFinished', channelId: `ch-${callId}`, playbackId: `${callId}-p1`, outcome: 'played', at: this.harness.tick() });
    await settle();
    this.harness.tick();
    timers?.fireOnly();
    await settle();
  }

  /** The ACD offers the queued call to the agent: the agent's phone is rung (leg agentleg-1-<callId>). */
  async offer(callId: string, agentId = this.defaultAgent): Promise<void> {
    this.harness.tick();
    this.harness.live.acdDecided({ type: 'OfferCall', callId, agentId, queueId: 'general', ringTimeoutSeconds: 15 });
    await settle();
  }

  /** Queued, offered to the agent, and the agent's phone answered: the conversation is on. */
  async toTalking(callId: string, agentId = this.defaultAgent): Promise<void> {
    await this.toQueue(callId);
    await this.offer(callId, agentId);
    void this.harness.live.handle({ type: 'AgentLegAnswered', channelId: `agentleg-1-${callId}`, callId, agentId, at: this.harness.tick() });
    await settle();
  }
}
