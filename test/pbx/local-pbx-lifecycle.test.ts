// The local runner never leaks an Asterisk, and says clearly when it cannot start one.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { LocalPbxError, pbxDown, pbxStatus, pbxUp } from '../../src/local-pbx/index.js';
import { pbxLayout } from '../../src/local-pbx/pbx-layout.js';
import { findAsteriskPids } from '../../src/local-pbx/pbx-processes.js';
import { sipThreads } from '../../src/local-pbx/sip-thread-priority.js';

const settings = loadConfig({
  ...process.env,
  HOTLINE_PBX_INSTANCE: 'lifecycle',
  HOTLINE_PBX_ARI_PORT: '18188',
  HOTLINE_PBX_AMI_PORT: '15138',
  HOTLINE_PBX_SIP_PORT: '15160',
  HOTLINE_PBX_RTP_START: '32000',
}).localPbx;
const options = { repoDir: path.resolve('.'), promptLanguage: 'zh-CN' };

describe('local PBX runner lifecycle (real Asterisk)', () => {
  it('starts, reports, reuses and stops an instance without leaving a process', async () => {
    const runtime = await pbxUp(settings, options);
    try {
      const status = await pbxStatus(settings);
      expect(status).toMatchObject({ running: true, ariReady: true, amiReady: true, pids: [runtime.pid] });
      expect(status.runtime?.asteriskVersion).toMatch(/22\./);
      // PJSIP's one socket thread is scheduled ahead of the channels' (sip-thread-priority.ts); the rest as started.
      const [sip, ...others] = sipThreads(runtime.pid);
      expect(sip).toBeDefined();
      expect(others).toEqual([]);
      expect(os.getPriority(sip)).toBe(settings.sipThreadNice);
      expect(os.getPriority(runtime.pid)).toBe(0);
      const again = await pbxUp(settings, options);
      expect(again.pid).toBe(runtime.pid);
      expect(os.getPriority(sip)).toBe(settings.sipThreadNice);
    } finally {
      await pbxDown(settings);
    }
    expect(findAsteriskPids(pbxLayout(settings).configFileInRoot)).toEqual([]);
    expect(await pbxStatus(settings)).toMatchObject({ running: false, ariReady: false, amiReady: false });
  });

  it('refuses to start on a busy port, naming the setting to change', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(settings.ariPort, '127.0.0.1', () => resolve()));
    try {
      const error = await pbxUp(settings, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalPbxError);
      expect(error).toMatchObject({ code: 'PBX_PORT_BUSY' });
      expect((error as Error).message).toContain('HOTLINE_PBX_ARI_PORT');
    } finally {
      blocker.close();
    }
    expect(findAsteriskPids(pbxLayout(settings).configFileInRoot)).toEqual([]);
  });
});
