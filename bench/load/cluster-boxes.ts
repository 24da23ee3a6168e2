// How a load run spreads over the cluster's two boxes: each box's SIPp ports, its half of the
// agents' phones, its callers' numbers; and the boxes' ramp windows and observed events joined back
// into one system's, so the cluster is measured as the single box is. Pure.
import type { Observed } from './ari-observer.js';
import { HOLD_AGENT_ID } from './bench-files.js';
import type { StepWindow } from './load-analysis.js';
import type { RunContext } from './load-types.js';
import type { RampResult } from './run-ramp.js';

export const BOXES = [0, 1] as const;
/** Box 2's callers' numbers start here, so no number is called into both boxes. */
export const SEQ_OFFSET = 500_000;

/** Box `i`'s SIPp ports, beside the single box's run's (which ends before the cluster starts). */
export function boxPorts(c: RunContext, i: 0 | 1): { agentSip: number; agentMedia: number; citizenSip: number; citizenMedia: number } {
  return { agentSip: c.ports.agentSip + 2 * i, agentMedia: c.ports.agentMedia + 10 * i, citizenSip: c.ports.citizenSip + 50 * i, citizenMedia: c.ports.citizenMedia + 500 * i };
}

/**
 * The agents' phones by box: the first half on pbx-1 (with the line's paused agent), the rest on
 * pbx-2. Not alternately: agents idle alike are taken in id order, and both boxes' callers arrive
 * in step, so alternate halves paired each box's callers with its own agents and no call crossed.
 */
export function splitAgents(ids: readonly string[]): [string[], string[]] {
  const agents = ids.filter((id) => id !== HOLD_AGENT_ID);
  const half = Math.ceil(agents.length / 2);
  return [[...agents.slice(0, half), HOLD_AGENT_ID], agents.slice(half)];
}

/** The boxes' steps as one: the rates and SIPp's counts added, the window spanning both. */
export function mergeWindows(ramps: readonly RampResult[]): StepWindow[] {
  const [first, ...rest] = ramps;
  return (first?.windows ?? []).map((window, i) =>
    rest.reduce<StepWindow>((sum, ramp) => {
      const other = ramp.windows[i];
      if (!other) return sum;
      return {
        ...sum,
        rate: sum.rate + other.rate,
        startedAt: Math.min(sum.startedAt, other.startedAt),
        endedAt: Math.max(sum.endedAt, other.endedAt),
        drainedAt: Math.max(sum.drainedAt, other.drainedAt),
        sipp: { created: sum.sipp.created + other.sipp.created, successful: sum.sipp.successful + other.sipp.successful, failed: sum.sipp.failed + other.sipp.failed },
      };
    }, window),
  );
}

/** Both boxes' events as one stream in time order, each box's own order kept (a merge, not a sort). */
export function mergeEvents(streams: readonly (readonly Observed[])[]): Observed[] {
  const heads = streams.map(() => 0);
  const merged: Observed[] = [];
  for (;;) {
    let next = -1;
    streams.forEach((stream, s) => {
      const event = stream[heads[s] ?? 0];
      const best = next < 0 ? undefined : streams[next]?.[heads[next] ?? 0];
      if (event && (!best || event.at < best.at)) next = s;
    });
    if (next < 0) return merged;
    merged.push(streams[next]?.[heads[next] ?? 0] as Observed);
    heads[next] = (heads[next] ?? 0) + 1;
  }
}
