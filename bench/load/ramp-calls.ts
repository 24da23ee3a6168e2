// The citizen calls of a ramp as the observer saw them (one Asterisk's events, or a cluster's boxes'
// merged: a call answered across the trunk shows its caller on the answering box's agent channel),
// those of one system's counted steps grouped by step; whether a step overloaded its system; and
// the wait until no citizen is up, between warm-up, ramp and measurement.
import { summarize } from '../stats.js';
import type { Observed } from './ari-observer.js';
import { parseBenchNumber, type BenchSystem } from './bench-files.js';
import { citizenCalls, type CitizenCall, type JourneyStep } from './call-timelines.js';
import type { RampPlan } from './run-ramp.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The calls of the system's counted steps (the warm-up's, step 0, set apart). */
export function rampCalls(events: readonly Observed[], journey: readonly JourneyStep[], system: BenchSystem): CitizenCall[] {
  return citizenCalls(events, journey).filter((call) => {
    const parsed = parseBenchNumber(call.number);
    return parsed?.system === system && parsed.step > 0;
  });
}

export function callsByStep(calls: readonly CitizenCall[]): Map<number, CitizenCall[]> {
  const byStep = new Map<number, CitizenCall[]>();
  for (const call of calls) {
    const step = parseBenchNumber(call.number)?.step ?? 0;
    byStep.set(step, [...(byStep.get(step) ?? []), call]);
  }
  return byStep;
}

/** Waits (at most `seconds`) until every citizen channel seen has gone. */
export async function waitNoCitizens(events: () => readonly Observed[], seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (citizenCalls(events()).every((call) => call.destroyedAt !== null)) return;
    await sleep(1000);
  }
}

/** A step overloaded its system: over 5% of its calls had no greeting after 5 s, or the greeting's p95 passed 3 s. */
export function overloadedBy(events: () => readonly Observed[], system: BenchSystem): RampPlan['overloaded'] {
  return ({ index, startedAt }) => {
    const calls = citizenCalls(events()).filter((call) => {
      const parsed = parseBenchNumber(call.number);
      return call.invitedAt >= startedAt && parsed?.step === index && parsed.system === system;
    });
    const waited = calls.filter((call) => call.invitedAt < Date.now() - 5000);
    const unanswered = waited.filter((call) => call.firstPromptAt === null).length;
    const p95 = summarize(waited.flatMap((call) => (call.firstPromptAt === null ? [] : [call.firstPromptAt - call.invitedAt]))).p95;
    return waited.length > 0 && (unanswered > waited.length * 0.05 || p95 > 3000);
  };
}
