import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, missingExternalSettings, SETTINGS } from '../../src/config.js';

describe('config', () => {
  it('has working defaults for the embedded system', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      http: { host: '127.0.0.1', port: 3000 },
      pbxMode: 'local',
      ari: { app: 'hotline', user: 'hotline' },
      localPbx: { instance: 'demo', ariPort: 8088, amiPort: 5038, sipPort: 5060 },
      promptLanguage: 'zh-CN',
      entryNumber: '12345',
    });
    expect(config.dbFile.endsWith('data/hotline.db')).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
    // A single box: the ACD in this process.
    expect(config.cluster).toBeNull();
  });

  it('makes a server one of a cluster when given Redis, with its node and PBX ids', () => {
    const config = loadConfig({ HOTLINE_REDIS_URL: 'redis://127.0.0.1:6379', HOTLINE_NODE_ID: 'worker-1', HOTLINE_PBX_ID: 'pbx-2', HOTLINE_ACD_LEAD: 'no' });
    expect(config.cluster).toEqual({ redisUrl: 'redis://127.0.0.1:6379', node: 'worker-1', pbx: 'pbx-2', pbxs: ['pbx-2'], mayLead: false, trunkEndpoint: 'PJSIP/{agent}@trunk-{pbx}', url: null });
    expect(loadConfig({ HOTLINE_REDIS_URL: 'redis://127.0.0.1:6379', HOTLINE_HTTP_PORT: '3100' }).cluster).toMatchObject({ node: expect.stringMatching(/-3100$/), pbx: 'pbx-1', mayLead: true });
  });

  it('makes a web node of a server with no PBX, which must be told every PBX of the cluster', () => {
    const redis = { HOTLINE_REDIS_URL: 'redis://127.0.0.1:6379', HOTLINE_NODE_ID: 'web-1' };
    expect(loadConfig({ ...redis, HOTLINE_PBX_ID: 'none', HOTLINE_CLUSTER_PBXS: 'pbx-1, pbx-2,pbx-1' }).cluster).toMatchObject({ pbx: null, pbxs: ['pbx-1', 'pbx-2'] });
    expect(loadConfig({ ...redis, HOTLINE_PBX_ID: 'pbx-2', HOTLINE_CLUSTER_PBXS: 'pbx-1,pbx-2' }).cluster).toMatchObject({ pbx: 'pbx-2', pbxs: ['pbx-1', 'pbx-2'] });
    expect(() => loadConfig({ ...redis, HOTLINE_PBX_ID: 'none' })).toThrow(/HOTLINE_CLUSTER_PBXS/);
    expect(() => loadConfig({ ...redis, HOTLINE_PBX_ID: 'pbx-3', HOTLINE_CLUSTER_PBXS: 'pbx-1,pbx-2' })).toThrow(/HOTLINE_CLUSTER_PBXS/);
    expect(() => loadConfig({ ...redis, HOTLINE_PBX_ID: 'none', HOTLINE_CLUSTER_PBXS: 'pbx 1' })).toThrow(/HOTLINE_CLUSTER_PBXS/);
  });

  it('takes where the other servers reach this one only as an http(s) origin', () => {
    const redis = { HOTLINE_REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(loadConfig({ ...redis, HOTLINE_NODE_URL: 'http://worker-1:3000/' }).cluster?.url).toBe('http://worker-1:3000');
    expect(() => loadConfig({ ...redis, HOTLINE_NODE_URL: 'worker-1:3000' })).toThrow(/HOTLINE_NODE_URL/);
    expect(() => loadConfig({ ...redis, HOTLINE_NODE_URL: 'http://worker-1:3000/api' })).toThrow(/HOTLINE_NODE_URL/);
  });

  it('takes how callers are put through to another PBX only with a place for the agent and the PBX', () => {
    const redis = { HOTLINE_REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(loadConfig({ ...redis, HOTLINE_PBX_TRUNK_ENDPOINT: 'PJSIP/{agent}@sbc-{pbx}' }).cluster?.trunkEndpoint).toBe('PJSIP/{agent}@sbc-{pbx}');
    expect(() => loadConfig({ ...redis, HOTLINE_PBX_TRUNK_ENDPOINT: 'PJSIP/{agent}@trunk' })).toThrow(/HOTLINE_PBX_TRUNK_ENDPOINT/);
    expect(() => loadConfig({ ...redis, HOTLINE_PBX_TRUNK_ENDPOINT: '{agent}@{pbx}' })).toThrow(/HOTLINE_PBX_TRUNK_ENDPOINT/);
  });

  it('names the variable at fault', () => {
    const bad = (env: Record<string, string>): unknown => {
      try {
        loadConfig(env);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(bad({ HOTLINE_HTTP_PORT: '70000' })).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('HOTLINE_HTTP_PORT') });
    expect(bad({ HOTLINE_PBX: 'cloud' })).toBeInstanceOf(ConfigError);
    expect(bad({ HOTLINE_LOG_LEVEL: 'loud' })).toMatchObject({ message: expect.stringContaining('HOTLINE_LOG_LEVEL') });
    expect(bad({ HOTLINE_REDIS_URL: 'http://cache:6379' })).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('HOTLINE_REDIS_URL') });
    expect(bad({ HOTLINE_REDIS_URL: 'redis://127.0.0.1:6379', HOTLINE_NODE_ID: 'a b' })).toMatchObject({ message: expect.stringContaining('HOTLINE_NODE_ID') });
    expect(bad({ HOTLINE_REDIS_URL: 'redis://127.0.0.1:6379', HOTLINE_PBX_ID: 'pbx:1' })).toMatchObject({ message: expect.stringContaining('HOTLINE_PBX_ID') });
    expect(bad({ HOTLINE_REDIS_URL: 'redis://127.0.0.1:6379', HOTLINE_ACD_LEAD: 'maybe' })).toMatchObject({ message: expect.stringContaining('HOTLINE_ACD_LEAD') });
    expect(bad({ HOTLINE_PBX_INSTANCE: '../etc' })).toMatchObject({ message: expect.stringContaining('HOTLINE_PBX_INSTANCE') });
    expect(bad({ HOTLINE_PBX_CONNECT_TIMEOUT_MS: '-1' })).toMatchObject({ message: expect.stringContaining('HOTLINE_PBX_CONNECT_TIMEOUT_MS') });
    expect(bad({ HOTLINE_PROCESS_NICE: '-21' })).toMatchObject({ message: expect.stringContaining('HOTLINE_PROCESS_NICE') });
    expect(bad({ HOTLINE_PROCESS_NICE: 'high' })).toMatchObject({ message: expect.stringContaining('HOTLINE_PROCESS_NICE') });
    expect(bad({ HOTLINE_PBX_SIP_THREAD_NICE: '20' })).toMatchObject({ message: expect.stringContaining('HOTLINE_PBX_SIP_THREAD_NICE') });
  });

  it('lists what an external PBX still needs', () => {
    expect(missingExternalSettings(loadConfig({ HOTLINE_PBX: 'external' }))).toEqual(['HOTLINE_ARI_URL', 'HOTLINE_ARI_PASSWORD', 'HOTLINE_AMI_PASSWORD']);
    const complete = loadConfig({ HOTLINE_PBX: 'external', HOTLINE_ARI_URL: 'http://127.0.0.1:8088/ari/', HOTLINE_ARI_PASSWORD: 'x', HOTLINE_AMI_PASSWORD: 'y' });
    expect(missingExternalSettings(complete)).toEqual([]);
    expect(complete.ari.url).toBe('http://127.0.0.1:8088/ari');
  });

  it('takes the folder for text spoken at call time with the name Asterisk reads it by, or neither', () => {
    expect(loadConfig({}).speech).toBeNull();
    expect(loadConfig({ HOTLINE_SPEECH_DIR: '/srv/asterisk-sounds/speech', HOTLINE_SPEECH_SOUND_PREFIX: '/var/lib/asterisk/sounds/speech/' }).speech).toEqual({ dir: '/srv/asterisk-sounds/speech', soundPrefix: '/var/lib/asterisk/sounds/speech' });
    expect(() => loadConfig({ HOTLINE_SPEECH_DIR: '/srv/speech' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOTLINE_SPEECH_SOUND_PREFIX: 'speech' })).toThrow(/HOTLINE_SPEECH_DIR and HOTLINE_SPEECH_SOUND_PREFIX/);
  });

  it('follows orders up after 5 minutes unsigned, visits 30 minutes after a reply, and checks its settings', () => {
    const defaults = loadConfig({}).followUp;
    expect(defaults.plan).toEqual({ signWithinMs: 300_000, replySoonMs: 4 * 3_600_000, overdueCallAfterMs: 3_600_000, visitAfterMs: 1_800_000 });
    expect(defaults.sweepMs).toBe(15_000);
    expect(defaults.unitCallRetry.maxAttempts).toBe(3);
    expect(loadConfig({ HOTLINE_SIGN_WITHIN_MINUTES: '10', HOTLINE_FOLLOW_UP_SWEEP_SECONDS: '1' }).followUp).toMatchObject({ plan: { signWithinMs: 600_000 }, sweepMs: 1000 });
    expect(() => loadConfig({ HOTLINE_SIGN_WITHIN_MINUTES: 'five' })).toThrow(/HOTLINE_SIGN_WITHIN_MINUTES/);
    expect(() => loadConfig({ HOTLINE_FOLLOW_UP_SWEEP_SECONDS: '0' })).toThrow(/HOTLINE_FOLLOW_UP_SWEEP_SECONDS/);
    expect(() => loadConfig({ HOTLINE_UNIT_CALL_RETRY: 'busy=1m' })).toThrow(/HOTLINE_UNIT_CALL_RETRY/);
  });

  it('sends no text message by default, and asks a message centre chosen for what it needs', () => {
    expect(loadConfig({}).textMessages).toMatchObject({ gateway: 'none', requestTimeoutMs: 10_000, maxAttempts: 5, smpp: { host: '127.0.0.1', port: 2775, systemId: 'hotline', sourceAddress: '12345', enquireLinkIntervalMs: 30_000 }, aliyun: { endpoint: 'https://dysmsapi.aliyuncs.com', regionId: 'cn-hangzhou', reportToken: '' } });
    expect(loadConfig({}).textMessages.templatesFile.endsWith('fixtures/sms-templates.yaml')).toBe(true);
    expect(() => loadConfig({ HOTLINE_SMS_GATEWAY: 'smpp' })).toThrow(/HOTLINE_SMPP_PASSWORD/);
    expect(loadConfig({ HOTLINE_SMS_GATEWAY: 'smpp', HOTLINE_SMPP_PASSWORD: 'pw123456' }).textMessages.smpp.password).toBe('pw123456');
    expect(() => loadConfig({ HOTLINE_SMS_GATEWAY: 'smpp', HOTLINE_SMPP_PASSWORD: 'longer-than-8' })).toThrow(/HOTLINE_SMPP_PASSWORD/);
    expect(() => loadConfig({ HOTLINE_SMS_GATEWAY: 'aliyun', HOTLINE_SMS_ALIYUN_ACCESS_KEY_ID: 'LTAI' })).toThrow(/HOTLINE_SMS_ALIYUN_ACCESS_KEY_SECRET/);
    expect(() => loadConfig({ HOTLINE_SMS_REPORT_TOKEN: 'short' })).toThrow(/HOTLINE_SMS_REPORT_TOKEN/);
    expect(() => loadConfig({ HOTLINE_SMS_GATEWAY: 'email' })).toThrow(/HOTLINE_SMS_GATEWAY/);
  });

  it('documents every setting it reads in the README table', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile('README.md', 'utf8');
    for (const setting of SETTINGS) {
      expect(readme.includes(`\`${setting.name}\``), setting.name).toBe(true);
    }
  });
});
