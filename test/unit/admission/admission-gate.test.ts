import { describe, expect, it } from 'vitest';
import { openGate, stepAdmission, type AdmissionDecision, type AdmissionState, type LoadSample } from '../../../src/domain/admission/admission-gate.js';

const settings = { shedAboveMs: 400, admitBelowMs: 100, shedAfterSamples: 2, admitAfterSamples: 3 };

/** Steps the gate over one sample a second; returns the last state and every decision. */
function run(samples: readonly Partial<LoadSample>[], from: AdmissionState = openGate(0)): { state: AdmissionState; decisions: AdmissionDecision[] } {
  let state = from;
  const decisions: AdmissionDecision[] = [];
  samples.forEach((sample, i) => {
    const step = stepAdmission(state, { at: (i + 1) * 1000, eventDelayP99Ms: null, requestP99Ms: null, requestTimeouts: 0, ...sample }, settings);
    state = step.state;
    if (step.decision) decisions.push(step.decision);
  });
  return { state, decisions };
}

describe('admission gate', () => {
  it('sheds new callers after two bad seconds in a row, naming the signal that crossed', () => {
    const { state, decisions } = run([{ eventDelayP99Ms: 20 }, { eventDelayP99Ms: 900 }, { eventDelayP99Ms: 650, requestP99Ms: 30 }]);
    expect(decisions).toEqual([{ mode: 'shed', at: 3000, reason: 'event-delay', worstMs: 650 }]);
    expect(state).toMatchObject({ mode: 'shed', since: 3000 });
  });

  it('a single bad second, or bad seconds with a good one between, sheds nobody', () => {
    expect(run([{ requestP99Ms: 900 }, { requestP99Ms: 10 }, { requestP99Ms: 900 }, { requestP99Ms: 50 }]).decisions).toEqual([]);
  });

  it('a request that timed out makes a bad second whatever the percentiles say', () => {
    expect(run([{ requestTimeouts: 1 }, { requestTimeouts: 2, requestP99Ms: 5 }]).decisions).toEqual([{ mode: 'shed', at: 2000, reason: 'request-timeouts', worstMs: 5 }]);
  });

  it('admits again only after three good seconds in a row; a second between the lines starts the count over', () => {
    const shed = run([{ requestP99Ms: 500 }, { requestP99Ms: 500 }]).state;
    expect(shed.mode).toBe('shed');
    const middling = run([{ requestP99Ms: 10 }, { requestP99Ms: 10 }, { requestP99Ms: 200 }, { requestP99Ms: 10 }, { requestP99Ms: 10 }], shed);
    expect(middling.decisions).toEqual([]);
    const recovered = run([{ requestP99Ms: 10 }, {}, { eventDelayP99Ms: 99 }], shed);
    expect(recovered.decisions).toEqual([{ mode: 'admit', at: 3000, reason: 'recovered', worstMs: 99 }]);
  });

  it('seconds with nothing measured are good ones: an idle server recovers', () => {
    const shed = run([{ eventDelayP99Ms: 5000 }, { eventDelayP99Ms: 5000 }]).state;
    expect(run([{}, {}, {}], shed).state.mode).toBe('admit');
  });

  it('bad seconds while shedding and good ones while admitting change nothing', () => {
    const shed = run([{ requestP99Ms: 500 }, { requestP99Ms: 500 }]).state;
    expect(run([{ requestP99Ms: 900 }, { requestTimeouts: 3 }], shed).decisions).toEqual([]);
    expect(run([{}, {}, {}, {}]).decisions).toEqual([]);
  });
});
