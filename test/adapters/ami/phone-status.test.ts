// AMI device states read as softphone statuses: only PJSIP devices are phones, and only the states
// of a phone that cannot be rung make it unreachable.
import { describe, expect, it } from 'vitest';
import type { AmiEvent } from '../../../src/adapters/ami/index.js';
import { phoneStatusOf } from '../../../src/adapters/ami/phone-status.js';

const event = (device: string, state: string): AmiEvent => ({ name: 'DeviceStateChange', actionId: undefined, fields: { event: 'DeviceStateChange', device, state } });

describe('phoneStatusOf', () => {
  it('reads a PJSIP device as the agent phone of that endpoint', () => {
    expect(phoneStatusOf(event('PJSIP/agent-a1', 'NOT_INUSE'))).toEqual({ phone: 'agent-a1', reachable: true, detail: 'NOT_INUSE' });
    expect(phoneStatusOf(event('pjsip/agent-a1', 'INUSE'))).toEqual({ phone: 'agent-a1', reachable: true, detail: 'INUSE' });
  });

  it('reads unavailable, invalid and unknown as unreachable', () => {
    for (const state of ['UNAVAILABLE', 'Invalid', 'UNKNOWN']) expect(phoneStatusOf(event('PJSIP/1001', state))?.reachable).toBe(false);
    expect(phoneStatusOf(event('PJSIP/1001', 'RINGING'))?.reachable).toBe(true);
  });

  it('skips devices that are not softphones, and events without a device or state', () => {
    expect(phoneStatusOf(event('Queue:hotline', 'NOT_INUSE'))).toBeUndefined();
    expect(phoneStatusOf(event('Local/1001@demo-phones', 'INUSE'))).toBeUndefined();
    expect(phoneStatusOf({ name: 'DeviceStateChange', actionId: undefined, fields: { device: 'PJSIP/1001' } })).toBeUndefined();
  });
});
