// The pbx tier's own Asterisk instance: separate ports and state from the demo one, so tests can
// run while `npm start` is up on the same machine. A second checkout on the same machine can run
// its own with HOTLINE_TEST_PBX_INSTANCE=<name> and HOTLINE_TEST_PBX_PORT_SHIFT=<n> (ports + n; use
// 1000 or more: the restart test in adapters-live.test.ts has its own instance at +200).
import { loadConfig, type LocalPbxSettings } from '../../src/config.js';

/** Added to every port of the test instances (a second checkout on the same machine). */
export const TEST_PORT_SHIFT = Number(process.env.HOTLINE_TEST_PBX_PORT_SHIFT ?? 0);
const shift = TEST_PORT_SHIFT;

export const TEST_PBX_ENV = {
  HOTLINE_PBX: 'local',
  HOTLINE_PBX_INSTANCE: process.env.HOTLINE_TEST_PBX_INSTANCE ?? 'test',
  HOTLINE_PBX_ARI_PORT: String(18088 + shift),
  HOTLINE_PBX_AMI_PORT: String(15038 + shift),
  HOTLINE_PBX_SIP_PORT: String(15060 + shift),
  HOTLINE_PBX_RTP_START: String(31000 + shift * 10),
} as const;

/**
 * Every server a test starts shares one Asterisk and its call records, and some tests slow or fail
 * requests on purpose: admission control is off unless a test turns it on, and a server takes only
 * the calls the dialplan answers while it runs (not those other tests left in the records). A server
 * started through `scripts/start.ts` (npm start) writes no demo order history either: these tests
 * count the tickets their own calls made.
 */
export const QUIET_PROTECTION_ENV = { HOTLINE_ADMISSION: 'off', HOTLINE_DIALPLAN_CALLS_LOOKBACK_MINUTES: '0', HOTLINE_ORDER_HISTORY_SEED: 'none' } as const;

export function testPbxSettings(): LocalPbxSettings {
  return loadConfig({ ...process.env, ...TEST_PBX_ENV }).localPbx;
}
