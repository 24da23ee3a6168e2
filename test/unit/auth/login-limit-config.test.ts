// The per-address sign-in limit's two settings: their defaults, and a bad value named at start.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('the per-address sign-in limit settings', () => {
  it('default to 20 failures within 10 minutes', () => {
    expect(loadConfig({}).login).toEqual({ maxFailuresPerAddress: 20, addressWindowMs: 600_000 });
    expect(loadConfig({ HOTLINE_LOGIN_MAX_FAILURES_PER_ADDRESS: '50', HOTLINE_LOGIN_ADDRESS_WINDOW_SECONDS: '60' }).login).toEqual({ maxFailuresPerAddress: 50, addressWindowMs: 60_000 });
  });

  it('refuse anything but a positive whole number, naming the variable', () => {
    for (const [name, value] of [
      ['HOTLINE_LOGIN_MAX_FAILURES_PER_ADDRESS', '0'],
      ['HOTLINE_LOGIN_MAX_FAILURES_PER_ADDRESS', 'many'],
      ['HOTLINE_LOGIN_ADDRESS_WINDOW_SECONDS', '-1'],
      ['HOTLINE_LOGIN_ADDRESS_WINDOW_SECONDS', '1.5'],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: value })).toThrow(name);
    }
  });
});
