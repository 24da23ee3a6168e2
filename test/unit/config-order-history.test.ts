// The demo order history's setting: empty by default (tests), a count of generated orders for the demo,
// and the refusal of values that mean nothing.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('the order history setting', () => {
  it('leaves an empty tickets table empty by default', () => {
    expect(loadConfig({}).orderHistory.seed).toEqual({ kind: 'none' });
  });

  it('takes none or a count of generated orders', () => {
    expect(loadConfig({ HOTLINE_ORDER_HISTORY_SEED: 'none' }).orderHistory.seed).toEqual({ kind: 'none' });
    expect(loadConfig({ HOTLINE_ORDER_HISTORY_SEED: '20000' }).orderHistory.seed).toEqual({ kind: 'generated', count: 20_000 });
  });

  it('refuses what is not one of them', () => {
    for (const seed of ['all', '-1', '0', '1e3', '20000.5', '500001']) expect(() => loadConfig({ HOTLINE_ORDER_HISTORY_SEED: seed }), seed).toThrow(ConfigError);
  });
});
