// The pbx tier's own Asterisk instance: separate ports and state from the demo one, so tests can
// run while `npm start` is up on the same machine.
import { loadConfig, type LocalPbxSettings } from '../../src/config.js';

export const TEST_PBX_ENV = {
  HOTLINE_PBX: 'local',
  HOTLINE_PBX_INSTANCE: 'test',
  HOTLINE_PBX_ARI_PORT: '18088',
  HOTLINE_PBX_AMI_PORT: '15038',
  HOTLINE_PBX_SIP_PORT: '15060',
  HOTLINE_PBX_RTP_START: '31000',
} as const;

export function testPbxSettings(): LocalPbxSettings {
  return loadConfig({ ...process.env, ...TEST_PBX_ENV }).localPbx;
}
