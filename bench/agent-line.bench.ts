// Offer → the agent hears the caller, on the agent's line (a bridge move) beside the same calls to
// handsets (an originate the phone answers), in the same run (issue: p99 ≤ 150 ms).
//
//   npx tsx bench/agent-line.bench.ts [--pages 10] [--calls 200]
//
// Root only (skipped otherwise, with the reason): Chromium runs in a network namespace joined to
// the root one by a veth pair (loopback is never an ICE candidate), with one desktop page per line
// agent, each signed in, its browser phone registered and its line up (专线就绪). As many handset
// agents work beside them at the same time, on the same machine, so both kinds of call meet the
// same load. Chromium runs at the lowest priority (nice 19): agents' browsers run on their own
// computers, not on the hotline's two cores. Simulated citizens go through the menus (1, then 1)
// to the general queue, two per agent pair at a time, and talk 3 s, until `calls` have reached
// line agents.
// Measured per call, on the server's clock: from the offer (the moment the screen pop goes out)
// to the end of the request that puts the agent's side into the conversation (Asterisk has the two
// channels in one bridge; the caller's audio goes out to the agent from the next 20 ms frame). The
// rest of the way to the agent's ear (the veth, the browser's jitter buffer) is not timed; each page
// must have received the callers' audio (its RTP stats) for the run to count.
// The handsets are the dialplan's demo handsets, answering at once (an originate, the phone's
// answer, its entry into the application, then the same connection), so the difference is the line's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { AgentDialRequest, TelephonyPort } from '../src/app/ports/telephony.js';
import { loadConfig } from '../src/config.js';
import { callIds } from '../src/domain/calls/call-ids.js';
import { pbxDown, pbxUp } from '../src/local-pbx/index.js';
import { createLogger } from '../src/logging/logger.js';
import { startServer, type RunningServer } from '../src/main.js';
import type { AriClient } from '../src/adapters/ari/ari-client.js';
import { CitizenCaller, type CallerEvent } from '../src/tools/citizen-caller.js';
import { CHROMIUM, launchBrowser, signIn, type TestBrowser } from '../test/e2e/browser.js';
import { testQueuesFile } from '../test/helpers/test-config-files.js';
import { createTestNetns, netnsUnavailable, type TestNetns } from '../test/helpers/test-netns.js';
import { KEEP_PEER_CONNECTIONS, toneWav, webrtcBrowserArgs } from '../test/e2e/webrtc-media.js';
import { agentsYaml, demoPasswordHash } from './load/bench-files.js';
import { startedClient } from './started-client.js';
import { summarize, table, type Summary } from './stats.js';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '10' }, calls: { type: 'string', default: '200' } } });
const PAGES = Number(values.pages);
const CALLS = Number(values.calls);
const TALK_SECONDS = 3;
const SIM_APP = 'line-bench-sim';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const benchEnv = {
  HOTLINE_PBX: 'local',
  HOTLINE_PBX_INSTANCE: 'line-bench',
  HOTLINE_PBX_ARI_PORT: '18688',
  HOTLINE_PBX_AMI_PORT: '15638',
  HOTLINE_PBX_SIP_PORT: '15660',
  HOTLINE_PBX_RTP_START: '37000',
};

/** The offer and the connection of each call, by call id, with the kind of phone it was put through on. */
class Timings {
  readonly offeredAt = new Map<string, number>();
  readonly connectedAt = new Map<string, number>();
  /** When the connection was asked for: before it, the server's and the phone's part; after it, Asterisk's answer. */
  readonly connectAskedAt = new Map<string, number>();
  readonly phoneOf = new Map<string, AgentDialRequest['phone']['kind']>();

  wrap(port: TelephonyPort): TelephonyPort {
    return Object.assign(Object.create(port) as TelephonyPort, {
      dialAgent: async (request: AgentDialRequest): Promise<void> => {
        this.phoneOf.set(request.callId, request.phone.kind);
        return port.dialAgent(request);
      },
      connect: async (caller: string, legId: string, conversationId: string): Promise<void> => {
        const asked = Date.now();
        await port.connect(caller, legId, conversationId);
        const callId = callIds.callOfConversation(conversationId);
        if (callId !== null && !this.connectAskedAt.has(callId)) this.connectAskedAt.set(callId, asked);
        if (callId !== null && !this.connectedAt.has(callId)) this.connectedAt.set(callId, Date.now());
      },
    });
  }

  count(kind: AgentDialRequest['phone']['kind']): number {
    return [...this.phoneOf.values()].filter((k) => k === kind).length;
  }

  offerToConnection(kind: AgentDialRequest['phone']['kind']): { samples: number[]; untilAsked: number[]; asking: number[]; missing: number } {
    const samples: number[] = [];
    const untilAsked: number[] = [];
    const asking: number[] = [];
    let missing = 0;
    for (const [callId, kindOf] of this.phoneOf) {
      if (kindOf !== kind) continue;
      const offered = this.offeredAt.get(callId);
      const asked = this.connectAskedAt.get(callId);
      const connected = this.connectedAt.get(callId);
      if (offered === undefined || asked === undefined || connected === undefined) {
        missing += 1;
        continue;
      }
      samples.push(connected - offered);
      untilAsked.push(asked - offered);
      asking.push(connected - asked);
    }
    return { samples, untilAsked, asking, missing };
  }
}

/**
 * Calls through the menus to the general queue, `parallel` at a time; resolves when all have ended.
 * Each citizen speaks (a tone) once an agent has answered, so the agent has something to hear.
 */
async function placeCalls(sim: AriClient, more: () => boolean, parallel: number): Promise<number> {
  const caller = new CitizenCaller(sim, SIM_APP);
  let next = 0;
  let answered = 0;
  let failed = 0;
  const worker = async (start: number): Promise<void> => {
    // Callers start a moment apart, as they would, not all in one tick.
    await sleep(start * 400);
    while (more()) {
      const index = next++;
      let leg = '';
      const speak = (event: CallerEvent): void => {
        if (event.event === 'dialing') leg = event.callId;
        if (event.event === 'answered') void sim.http.request('POST', `/channels/${encodeURIComponent(leg)}/play`, { query: { media: 'tone:440' } }).catch(() => undefined);
      };
      try {
        const outcome = await caller.call({ from: `1391${String(index).padStart(7, '0')}`, to: '12345', dtmf: 'w1,1,w1,1', holdSeconds: 4 + TALK_SECONDS }, speak);
        if (outcome.events.some((event) => event.event === 'answered')) answered += 1;
      } catch (error) {
        failed += 1;
        log(`a citizen's call failed: ${(error as Error).message}`);
      }
      // The agent's wrap-up (1 s) ends before this worker's next caller queues.
      await sleep(1200);
    }
  };
  await Promise.all(Array.from({ length: parallel }, (_unused, i) => worker(i)));
  if (failed > 0) log(`${failed} citizens' calls failed`);
  return answered;
}

/** What the page's phone received in all: RTP packets and audio energy (each page must have heard its callers). */
async function heard(page: Page): Promise<{ packets: number; energy: number }> {
  return page.evaluate(`(async () => {
    let packets = 0, energy = 0;
    for (const pc of window.__peerConnections ?? []) {
      for (const s of (await pc.getStats()).values()) if (s.type === 'inbound-rtp' && s.kind === 'audio') { packets += s.packetsReceived ?? 0; energy += s.totalAudioEnergy ?? 0; }
    }
    return { packets, energy };
  })()`);
}

interface Phase {
  readonly calls: number;
  readonly missing: number;
  readonly offerToConnectionMs: Summary;
  /** Offer → the connection asked for (the server, and for a handset its ring and answer). */
  readonly offerToAskMs: Summary;
  /** The connection asked for → Asterisk's answer (the bridge and its two channels). */
  readonly connectMs: Summary;
}

async function run(netns: TestNetns, dir: string): Promise<{ line: Phase; handset: Phase; answered: number; pagesHeard: number }> {
  const lineIds = Array.from({ length: PAGES }, (_unused, i) => String(71000 + i));
  const handsetIds = Array.from({ length: PAGES }, (_unused, i) => String(72000 + i));
  const ids = [...lineIds, ...handsetIds];
  const agentsFile = path.join(dir, 'agents.yaml');
  fs.writeFileSync(agentsFile, agentsYaml(ids));
  const usersFile = path.join(dir, 'users.yaml');
  const hash = demoPasswordHash();
  fs.writeFileSync(usersFile, `users:\n${ids.map((id) => `  - { id: "${id}", name: 坐席${id}, role: agent, agentId: "${id}", passwordHash: "${hash}" }`).join('\n')}\n`);
  const settings = loadConfig({ ...process.env, ...benchEnv }).localPbx;
  const runtime = await pbxUp(settings, { repoDir: path.resolve('.'), promptLanguage: 'zh-CN', agentsFile });
  const timings = new Timings();
  let server: RunningServer | null = null;
  let browser: TestBrowser | null = null;
  const sim = await startedClient(runtime, SIM_APP);
  // One listener per simulated citizen on the line at once.
  sim.setMaxListeners(0);
  try {
    const config = loadConfig({
      ...process.env,
      ...benchEnv,
      HOTLINE_HTTP_PORT: '0',
      HOTLINE_HTTP_HOST: netns.hostAddress,
      HOTLINE_DB_FILE: path.join(dir, 'bench.db'),
      HOTLINE_AGENTS_FILE: agentsFile,
      HOTLINE_USERS_FILE: usersFile,
      HOTLINE_AUTO_LOGIN: 'all',
      HOTLINE_DEMO_ANSWER_AFTER: '0',
      HOTLINE_QUEUES_FILE: testQueuesFile({ wrapUpSeconds: 1, ringTimeoutSeconds: 10 }),
      HOTLINE_ADMISSION: 'off',
    });
    server = await startServer(config, {
      logger: createLogger('warn'),
      pbx: { ari: { ...runtime.ari, app: config.ari.app }, ami: runtime.ami, recordingsDir: runtime.recordingsDir, sip: { webSocketUrl: runtime.sip.wsUrl, agentSecret: runtime.sip.agentSecret } },
      wrapTelephony: (port) => timings.wrap(port),
    });
    server.callService.onAgentEvent((event) => {
      if (event.kind === 'offered') timings.offeredAt.set(event.call.callId, event.at);
    });
    const tone = path.join(dir, 'tone.wav');
    toneWav(tone, 500);
    const lowPriority = path.join(dir, 'chromium-low-priority');
    fs.writeFileSync(lowPriority, `#!/bin/sh\nexec nice -n 19 ${netns.wrapper(CHROMIUM)} "$@"\n`, { mode: 0o755 });
    browser = await launchBrowser({
      executablePath: lowPriority,
      args: webrtcBrowserArgs(tone, server.url),
    });
    await browser.context.addInitScript(KEEP_PEER_CONNECTIONS);
    const pages: Page[] = [];
    for (const id of lineIds) {
      const page = await browser.newPage();
      await signIn(page, `${server.url}/`, id);
      pages.push(page);
    }
    for (const page of pages) await page.waitForSelector('#phone[data-status="lineReady"][data-media="connected"]', { timeout: 30_000 });
    log(`${PAGES} desktops signed in, each with its line up, beside ${PAGES} agents on handsets; calls until ${CALLS} reached the lines`);
    const answered = await placeCalls(sim, () => timings.count('line') < CALLS, PAGES * 2);
    let pagesHeard = 0;
    for (const page of pages) {
      const figures = await heard(page);
      if (figures.packets > 0 && figures.energy > 0) pagesHeard += 1;
    }
    const line = timings.offerToConnection('line');
    const handset = timings.offerToConnection('demo');
    log(`${answered} calls answered; ${line.samples.length} on lines, ${handset.samples.length} on handsets; ${pagesHeard} of ${PAGES} pages heard their callers`);
    return {
      line: { calls: line.samples.length + line.missing, missing: line.missing, offerToConnectionMs: summarize(line.samples), offerToAskMs: summarize(line.untilAsked), connectMs: summarize(line.asking) },
      handset: { calls: handset.samples.length + handset.missing, missing: handset.missing, offerToConnectionMs: summarize(handset.samples), offerToAskMs: summarize(handset.untilAsked), connectMs: summarize(handset.asking) },
      answered,
      pagesHeard,
    };
  } finally {
    await browser?.close();
    await sim.stop();
    await server?.close();
    await pbxDown(settings);
  }
}

async function main(): Promise<void> {
  const unavailable = netnsUnavailable();
  if (unavailable !== null) {
    log(`agent line benchmark skipped: ${unavailable}`);
    return;
  }
  const netns = createTestNetns();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'line-bench-'));
  try {
    const result = await run(netns, dir);
    console.log(JSON.stringify({ bench: 'agent-line', pages: PAGES, ...result }));
    console.log(table(`offer → agent's side in the conversation (ms), ${PAGES} line agents beside ${PAGES} handset agents, the same run; ${result.pagesHeard} of ${PAGES} pages heard their callers`, {
        'agent line (bridge move)': result.line.offerToConnectionMs,
        'line: offer → connection asked': result.line.offerToAskMs,
        'line: the connection (Asterisk)': result.line.connectMs,
        'handset (demo, answers at once)': result.handset.offerToConnectionMs,
        'handset: offer → connection asked': result.handset.offerToAskMs,
        'handset: the connection (Asterisk)': result.handset.connectMs,
      }),
    );
  } finally {
    netns.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
