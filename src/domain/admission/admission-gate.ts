// Admission control: whether new callers go to the server or are answered by the dialplan alone.
// The server reads how far behind it and Asterisk are once a second (the delay of ARI events,
// the time ARI requests take, requests that timed out); a few bad seconds in a row shed new
// callers to the dialplan (greeting, then the human fallback queue), and only a longer run of good
// seconds admits them again, so the gate does not flap at the edge of capacity. Pure: the samples
// carry their own time.

export type AdmissionMode = 'admit' | 'shed';

/** One second of the hops' timings (p99 over the second; null when nothing of that kind happened). */
export interface LoadSample {
  readonly at: number;
  readonly eventDelayP99Ms: number | null;
  readonly requestP99Ms: number | null;
  readonly requestTimeouts: number;
}

export interface AdmissionSettings {
  /** A second whose event delay or request time (p99) is above this is a bad one. */
  readonly shedAboveMs: number;
  /** A second with both below this (or nothing to measure) is a good one. */
  readonly admitBelowMs: number;
  /** Bad seconds in a row that shed new callers. */
  readonly shedAfterSamples: number;
  /** Good seconds in a row that admit them again. */
  readonly admitAfterSamples: number;
}

export interface AdmissionState {
  readonly mode: AdmissionMode;
  /** When the mode last changed (or the gate was made). */
  readonly since: number;
  /** Bad seconds in a row so far. */
  readonly bad: number;
  /** Good seconds in a row so far. */
  readonly good: number;
}

/** Why the gate changed: the signal that crossed its line, or that all were back below it. */
export type AdmissionReason = 'event-delay' | 'request-time' | 'request-timeouts' | 'recovered';

export interface AdmissionDecision {
  readonly mode: AdmissionMode;
  readonly at: number;
  readonly reason: AdmissionReason;
  /** The worst p99 of the second that decided (ms). */
  readonly worstMs: number;
}

export const openGate = (at: number): AdmissionState => ({ mode: 'admit', since: at, bad: 0, good: 0 });

const worstOf = (sample: LoadSample): number => Math.max(sample.eventDelayP99Ms ?? 0, sample.requestP99Ms ?? 0);

/** The signal that makes a second bad, or undefined for a second that is not. */
function badSignal(sample: LoadSample, settings: AdmissionSettings): AdmissionReason | undefined {
  if (sample.requestTimeouts > 0) return 'request-timeouts';
  if ((sample.eventDelayP99Ms ?? 0) > settings.shedAboveMs) return 'event-delay';
  if ((sample.requestP99Ms ?? 0) > settings.shedAboveMs) return 'request-time';
  return undefined;
}

export function stepAdmission(state: AdmissionState, sample: LoadSample, settings: AdmissionSettings): { state: AdmissionState; decision?: AdmissionDecision } {
  const bad = badSignal(sample, settings);
  const good = !bad && worstOf(sample) < settings.admitBelowMs;
  // A second between the two lines breaks both runs: neither shed nor admit on it.
  const next = { ...state, bad: bad ? state.bad + 1 : 0, good: good ? state.good + 1 : 0 };
  if (state.mode === 'admit' && bad && next.bad >= settings.shedAfterSamples) {
    return { state: { mode: 'shed', since: sample.at, bad: 0, good: 0 }, decision: { mode: 'shed', at: sample.at, reason: bad, worstMs: worstOf(sample) } };
  }
  if (state.mode === 'shed' && good && next.good >= settings.admitAfterSamples) {
    return { state: { mode: 'admit', since: sample.at, bad: 0, good: 0 }, decision: { mode: 'admit', at: sample.at, reason: 'recovered', worstMs: worstOf(sample) } };
  }
  return { state: next };
}
