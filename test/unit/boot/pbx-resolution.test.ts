// Where the browser phones' SIP WebSocket is, what an external PBX must say about the agent phones, and where its spoken text goes.
import { describe, expect, it } from 'vitest';
import { resolvePbx, sipWebSocketUrl } from '../../../src/boot/pbx-resolution.js';
import { ConfigError, loadConfig } from '../../../src/config.js';

const EXTERNAL = { HOTLINE_PBX: 'external', HOTLINE_ARI_URL: 'http://10.0.0.5:8088/ari', HOTLINE_ARI_PASSWORD: 'a-generated-ari-secret', HOTLINE_AMI_PASSWORD: 'a-generated-ami-secret' };

describe("an external Asterisk's SIP WebSocket and agent secret", () => {
  it("is beside ARI unless HOTLINE_SIP_WS_URL says otherwise (wss for an https ARI)", () => {
    expect(sipWebSocketUrl(loadConfig(EXTERNAL))).toBe('ws://10.0.0.5:8088/ws');
    expect(sipWebSocketUrl(loadConfig({ ...EXTERNAL, HOTLINE_ARI_URL: 'https://pbx.example:8089/ari' }))).toBe('wss://pbx.example:8089/ws');
    expect(sipWebSocketUrl(loadConfig({ ...EXTERNAL, HOTLINE_SIP_WS_URL: 'ws://127.0.0.1:9088/ws' }))).toBe('ws://127.0.0.1:9088/ws');
  });

  it('knows the agent secret only when given, and refuses a bad URL or a short secret', () => {
    expect(resolvePbx(loadConfig(EXTERNAL)).sip).toEqual({ webSocketUrl: 'ws://10.0.0.5:8088/ws', agentSecret: null });
    expect(resolvePbx(loadConfig({ ...EXTERNAL, HOTLINE_AGENT_SIP_SECRET: 'sixteen-or-more-chars' })).sip?.agentSecret).toBe('sixteen-or-more-chars');
    expect(() => loadConfig({ ...EXTERNAL, HOTLINE_AGENT_SIP_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...EXTERNAL, HOTLINE_SIP_WS_URL: 'http://127.0.0.1:8088/ws' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...EXTERNAL, HOTLINE_SIP_WS_URL: 'ws://127.0.0.1:8088/ws,' })).toThrow(ConfigError);
  });

  it('takes several SIP WebSockets, the first one first and the others in order when it does not answer', () => {
    const config = loadConfig({ ...EXTERNAL, HOTLINE_SIP_WS_URL: 'ws://asterisk-1:8088/ws, ws://asterisk-2:8088/ws' });
    expect([sipWebSocketUrl(config), config.sipWebSocketFallbacks]).toEqual(['ws://asterisk-1:8088/ws', ['ws://asterisk-2:8088/ws']]);
    expect(loadConfig(EXTERNAL).sipWebSocketFallbacks).toEqual([]);
  });
});

describe("an external Asterisk's folder for text spoken at call time", () => {
  it('is the one configured, or none (such text is then left out)', () => {
    expect(resolvePbx(loadConfig(EXTERNAL)).speech).toBeUndefined();
    const config = loadConfig({ ...EXTERNAL, HOTLINE_SPEECH_DIR: '/srv/pbx-sounds/speech', HOTLINE_SPEECH_SOUND_PREFIX: '/usr/share/asterisk/sounds/speech' });
    expect(resolvePbx(config).speech).toEqual({ dir: '/srv/pbx-sounds/speech', soundPrefix: '/usr/share/asterisk/sounds/speech' });
  });
});
