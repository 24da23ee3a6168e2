// The targets that compare the hotline with the baseline rate by rate (issue 18's "done when"):
// key → next prompt within its target wherever the baseline's is, the greeting and the CPU per call
// no worse than the baseline's at the rates both sustain, and no agent paused by the load. Runs
// spread, so "no worse" means the hotline's median over its runs is at or under the baseline's
// highest run at that rate: a figure inside the baseline's own spread is not worse than it. Pure.
import type { SystemPause } from './agent-desktops.js';
import type { Spread, StepSpread, SystemSpread } from './run-summary.js';

export interface RateVerdict {
  readonly target: string;
  readonly value: string;
  /** null: nothing to compare (no rate qualified). */
  readonly met: boolean | null;
}

interface RatePair {
  readonly rate: number;
  readonly ours: StepSpread;
  readonly base: StepSpread;
}

/** Sustained in most of the runs that reached the rate. */
const sustainedMostly = (step: StepSpread): boolean => step.runs > 0 && step.sustainedRuns * 2 > step.runs;

function pairs(ours: SystemSpread, base: SystemSpread): RatePair[] {
  const byRate = new Map(base.steps.map((step) => [step.rate, step]));
  return ours.steps.flatMap((step) => {
    const other = byRate.get(step.rate);
    return other ? [{ rate: step.rate, ours: step, base: other }] : [];
  });
}

const shown = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** `rate: hotline median vs baseline median (highest run)` for each compared rate. */
function listed(compared: readonly RatePair[], of: (step: StepSpread) => Spread, unit: string, digits = 0): string {
  return compared.map((p) => `${p.rate}/s: ${shown(of(p.ours).median, digits)} vs ${shown(of(p.base).median, digits)} (≤ ${shown(of(p.base).max, digits)})${unit}`).join('; ');
}

/** The hotline's median no worse than the baseline's highest run at every rate both sustain mostly. */
function noWorse(target: string, compared: readonly RatePair[], of: (step: StepSpread) => Spread, unit: string): RateVerdict {
  const measured = compared.filter((p) => Number.isFinite(of(p.ours).median) && Number.isFinite(of(p.base).max));
  if (measured.length === 0) return { target, value: 'not measured (no rate sustained by both)', met: null };
  return { target, value: listed(measured, of, unit), met: measured.every((p) => of(p.ours).median <= of(p.base).max) };
}

export function baselineVerdicts(ours: SystemSpread | undefined, base: SystemSpread | undefined, keyTargetMs: number, pauses: readonly SystemPause[] | undefined): RateVerdict[] {
  const all = ours && base ? pairs(ours, base) : [];
  const bothSustain = all.filter((p) => sustainedMostly(p.ours) && sustainedMostly(p.base));
  // Where the baseline keeps its own key → prompt p99 within the target, the hotline must too.
  const keyRates = all.filter((p) => p.base.p99.keyToNextPrompt.median <= keyTargetMs);
  const keyTarget = `key → next prompt p99 ≤ ${keyTargetMs} ms at every rate where the baseline's is (medians)`;
  const keyVerdict: RateVerdict =
    keyRates.length === 0
      ? { target: keyTarget, value: 'not measured (no rate where the baseline is within it)', met: null }
      : {
          target: keyTarget,
          value: keyRates.map((p) => `${p.rate}/s: ${shown(p.ours.p99.keyToNextPrompt.median, 1)} (baseline ${shown(p.base.p99.keyToNextPrompt.median, 1)}) ms`).join('; '),
          // A rate where every hotline call was shed has no key of the server's to time: not a pass.
          met: keyRates.every((p) => p.ours.p99.keyToNextPrompt.median <= keyTargetMs),
        };
  const paused = pauses?.length;
  const reasons = [...new Set(pauses?.map((p) => p.reason ?? 'no reason') ?? [])].join(', ');
  return [
    keyVerdict,
    noWorse('INVITE → greeting p99 no worse than the baseline\'s, at every rate both sustain', bothSustain, (s) => s.p99.inviteToGreeting, ' ms'),
    noWorse('CPU per call of the system under test no higher than the baseline\'s, at every rate both sustain', bothSustain, (s) => s.cpu.sutPerCallMs, ' ms'),
    paused === undefined
      ? { target: 'no agent paused by the system (all runs)', value: 'not measured', met: null }
      : { target: 'no agent paused by the system (all runs)', value: paused === 0 ? '0' : `${paused} (${reasons})`, met: paused === 0 },
  ];
}
