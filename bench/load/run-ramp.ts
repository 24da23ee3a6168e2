// One system's ramp: a SIPp citizen process per step, each placing `rate` calls a second for the
// step's length with numbers of its own. A step's calls all end before the next step begins, so
// each step measures one rate alone: an overload in step k+1 does not fail the calls of step k.
// A ramp stops early once a step clearly overloads the system, so a saturated machine is not
// pushed into minutes of failures.
import fs from 'node:fs';
import { benchNumber, type BenchSystem } from './bench-files.js';
import { numbersFile } from './sipp-scenarios.js';
import { hostPath, startCitizens, type SippPlace, type SippRun } from './sipp-run.js';
import type { StepWindow } from './load-analysis.js';

export interface RampPlan {
  readonly system: BenchSystem;
  readonly rates: readonly number[];
  readonly stepSeconds: number;
  /** Where the scenarios are, and where each step's numbers and statistics go. */
  readonly place: SippPlace;
  readonly scenario: string;
  readonly service: string;
  readonly target: string;
  readonly limit: number;
  /** Ports of step k: SIP basePort + 2k, media baseMediaPort + 10k. */
  readonly basePort: number;
  readonly baseMediaPort: number;
  /** Added to each caller's sequence number: lanes of one ramp (a cluster's boxes) call from numbers of their own. */
  readonly seqOffset?: number;
  /** Seconds for the slowest call to end after its process stopped placing calls. */
  readonly drainSeconds: number;
  /** Asked at the end of each step: true ends the ramp (the step overloaded the system). */
  readonly overloaded: (window: { index: number; startedAt: number; endedAt: number }) => boolean;
  readonly log: (line: string) => void;
}

export interface RampResult {
  readonly windows: StepWindow[];
  readonly stoppedEarly: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function startStep(plan: RampPlan, index: number, rate: number, calls: number): SippRun {
  const name = `${plan.system}-step${index}`;
  const numbers = `${name}-numbers.csv`;
  fs.writeFileSync(hostPath(plan.place, numbers), numbersFile(Array.from({ length: calls }, (_unused, seq) => benchNumber(plan.system, index, seq + (plan.seqOffset ?? 0)))));
  return startCitizens(plan.place, {
    scenario: plan.scenario,
    numbers,
    name,
    target: plan.target,
    service: plan.service,
    sipPort: plan.basePort + 2 * index,
    mediaPort: plan.baseMediaPort + 10 * index,
    rate,
    calls,
    limit: plan.limit,
  });
}

/** Step 0 (not counted): a few calls that load and compile every code path once. */
export async function warmUp(plan: RampPlan, calls: number): Promise<void> {
  const run = startStep(plan, 0, 2, calls);
  const counts = await Promise.race([run.done, sleep((calls / 2 + plan.drainSeconds) * 1000).then(() => run.stop(5000))]);
  plan.log(`${plan.system}: warm-up ${counts.successful}/${calls} calls`);
}

export async function runRamp(plan: RampPlan): Promise<RampResult> {
  const [result] = await runRamps([plan]);
  if (!result) throw new Error('a ramp of one lane gave no result');
  return result;
}

/**
 * Lanes climbing one ramp together (a cluster's boxes, each called at its share of the rate): each
 * step starts on every lane at once and the next starts once every lane's calls have ended; the
 * ramp ends early when any lane's step overloaded its system.
 */
export async function runRamps(plans: readonly RampPlan[]): Promise<RampResult[]> {
  const windows: StepWindow[][] = plans.map(() => []);
  const steps = Math.min(...plans.map((plan) => plan.rates.length));
  for (let i = 0; i < steps; i += 1) {
    const index = i + 1;
    const startedAt = Date.now();
    const runs = plans.map((plan) => startStep(plan, index, plan.rates[i] ?? 0, Math.round((plan.rates[i] ?? 0) * plan.stepSeconds)));
    await sleep(Math.max(...plans.map((plan) => plan.stepSeconds)) * 1000);
    const endedAt = Date.now();
    const overloaded = plans.map((plan) => plan.overloaded({ index, startedAt, endedAt }));
    const counts = await Promise.all(runs.map((run, lane) => Promise.race([run.done, sleep((plans[lane]?.drainSeconds ?? 0) * 1000).then(() => run.stop(5000))])));
    plans.forEach((plan, lane) => {
      const sipp = counts[lane] ?? { created: 0, successful: 0, failed: 0, exitCode: null };
      windows[lane]?.push({ index, rate: plan.rates[i] ?? 0, startedAt, endedAt, drainedAt: Date.now(), sipp });
      plan.log(`${plan.system}: step ${index} at ${plan.rates[i]} calls/s: ${sipp.successful} of ${sipp.created} calls ended well`);
    });
    if (overloaded.some(Boolean)) {
      plans[0]?.log(`${plans[0].system}: step ${index} overloaded the system; the ramp ends here`);
      return windows.map((w) => ({ windows: w, stoppedEarly: i < steps - 1 }));
    }
  }
  return windows.map((w) => ({ windows: w, stoppedEarly: false }));
}
