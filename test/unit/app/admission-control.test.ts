// Admission control's loop around the pure gate: what Asterisk is told and when, with a PBX switch
// that can fail, and a connection that comes back.
import { describe, expect, it } from 'vitest';
import { AdmissionControl } from '../../../src/app/admission-control.js';
import type { AdmissionMode, LoadSample } from '../../../src/app/ports/admission.js';
import { createLogger } from '../../../src/logging/logger.js';

const settings = { shedAboveMs: 400, admitBelowMs: 100, shedAfterSamples: 2, admitAfterSamples: 2 };

function setUp() {
  const told: AdmissionMode[] = [];
  let failing = false;
  let next: Partial<LoadSample> = {};
  let now = 0;
  const control = new AdmissionControl({
    signals: { sample: (at) => ({ at, eventDelayP99Ms: null, requestP99Ms: null, requestTimeouts: 0, ...next }) },
    pbx: {
      setAdmission: async (mode) => {
        if (failing) throw new Error('ARI unreachable');
        told.push(mode);
      },
    },
    settings,
    logger: createLogger('silent'),
    now: () => (now += 1000),
  });
  return { control, told, fail: (value: boolean) => (failing = value), load: (sample: Partial<LoadSample>) => (next = sample) };
}

describe('admission control', () => {
  it('tells Asterisk to admit at the first second, then only when the gate decides', async () => {
    const { control, told, load } = setUp();
    await control.tick();
    await control.tick();
    expect(told).toEqual(['admit']);
    load({ requestP99Ms: 900 });
    await control.tick();
    await control.tick();
    expect(told).toEqual(['admit', 'shed']);
    expect(control.status()).toMatchObject({ mode: 'shed', applied: 'shed', sheds: 1, lastDecision: { reason: 'request-time' } });
    load({});
    await control.tick();
    await control.tick();
    expect(told).toEqual(['admit', 'shed', 'admit']);
  });

  it('a mode Asterisk could not be told is told again each second until it is', async () => {
    const { control, told, fail, load } = setUp();
    await control.tick();
    fail(true);
    load({ requestTimeouts: 1 });
    await control.tick();
    await control.tick();
    expect(control.status()).toMatchObject({ mode: 'shed', applied: null });
    await control.tick();
    fail(false);
    await control.tick();
    expect(told).toEqual(['admit', 'shed']);
    expect(control.status().applied).toBe('shed');
  });

  it('after a reconnect (an Asterisk restart forgets its globals) the mode is told again', async () => {
    const { control, told } = setUp();
    await control.tick();
    control.pbxConnected();
    await control.tick();
    expect(told).toEqual(['admit', 'admit']);
  });
});
