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
  fs.writeFileSync(hostPath(plan.place, numbers), numbersFile(Array.from({ length: calls }, (_unused, seq) => benchNumber(plan.system, index, seq))));
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
  const windows: StepWindow[] = [];
  for (const [i, rate] of plan.rates.entries()) {
    const index = i + 1;
    const startedAt = Date.now();
    const run = startStep(plan, index, rate, Math.round(rate * plan.stepSeconds));
    await sleep(plan.stepSeconds * 1000);
    const endedAt = Date.now();
    const overloaded = plan.overloaded({ index, startedAt, endedAt });
    const counts = await Promise.race([run.done, sleep(plan.drainSeconds * 1000).then(() => run.stop(5000))]);
    windows.push({ index, rate, startedAt, endedAt, drainedAt: Date.now(), sipp: counts });
    plan.log(`${plan.system}: step ${index} at ${rate} calls/s: ${counts.successful} of ${counts.created} calls ended well`);
    if (overloaded) {
      plan.log(`${plan.system}: step ${index} overloaded the system; the ramp ends here`);
      return { windows, stoppedEarly: i < plan.rates.length - 1 };
    }
  }
  return { windows, stoppedEarly: false };
}
