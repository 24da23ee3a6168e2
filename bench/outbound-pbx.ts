// Outbound calls against the real Asterisk: 1,000 due return visits on 30 lines, each reaching a
// simulated citizen of the dialplan (demo-outbound 1555X…: answers at once, listens 2 s, hangs up)
// while the survey flow starts. Measured: the most lines ever in use (must be 30, never more), how
// long lines stood free while tasks were due (from the attempt rows' claim and close times), and the
// campaign's length beside the ideal (calls × mean call length / lines).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TRUNK, DEFAULT_WINDOW } from '../src/boot/outbound.js';
import { loadConfig } from '../src/config.js';
import type { CallTaskRequest } from '../src/domain/outbound/outbound-protocol.js';
import { DEFAULT_RETRY_POLICY } from '../src/domain/outbound/retry-policy.js';
import { pbxDown, pbxUp } from '../src/local-pbx/index.js';
import { createLogger } from '../src/logging/logger.js';
import { startServer } from '../src/main.js';

const CALLS = Number(process.env.OUTBOUND_BENCH_CALLS ?? 1000);
const LINES = 30;

const benchEnv = { HOTLINE_PBX: 'local', HOTLINE_PBX_INSTANCE: 'outbound-bench', HOTLINE_PBX_ARI_PORT: '18788', HOTLINE_PBX_AMI_PORT: '15738', HOTLINE_PBX_SIP_PORT: '15760', HOTLINE_PBX_RTP_START: '38000' };

export interface CampaignFigures {
  readonly calls: number;
  readonly reached: number;
  readonly mostLinesSampled: number;
  readonly mostLinesFromRows: number;
  /** Line-seconds left free while some task was due and not yet dialed, and that over the campaign's line-seconds. */
  readonly idleLineSeconds: number;
  readonly idleShare: number;
  readonly meanCallSeconds: number;
  readonly totalSeconds: number;
  readonly idealSeconds: number;
  readonly asterisk: string;
}

interface Span {
  readonly from: number;
  readonly to: number;
}

/** From the attempt rows: the most overlapping at once, and free line time while dials were still to come. */
export function lineUse(spans: readonly Span[], lines: number): { most: number; idleMs: number } {
  const edges = spans.flatMap((s) => [{ at: s.from, d: 1 }, { at: s.to, d: -1 }]).sort((a, b) => a.at - b.at || a.d - b.d);
  const lastStart = Math.max(...spans.map((s) => s.from));
  let inUse = 0;
  let most = 0;
  let idleMs = 0;
  for (let i = 0; i < edges.length; i += 1) {
    const edge = edges[i] as { at: number; d: number };
    inUse += edge.d;
    most = Math.max(most, inUse);
    const next = edges[i + 1]?.at ?? edge.at;
    // Until the last dial, a free line is time lost (every task was due from the start).
    if (edge.at < lastStart) idleMs += (lines - inUse) * (Math.min(next, lastStart) - edge.at);
  }
  return { most, idleMs };
}

export async function runPbxCampaign(): Promise<CampaignFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-outbound-bench-'));
  const config = loadConfig({ ...process.env, ...benchEnv, HOTLINE_HTTP_PORT: '0', HOTLINE_DB_FILE: path.join(dir, 'hotline.db'), HOTLINE_AUTO_LOGIN: 'none', HOTLINE_ADMISSION: 'off', HOTLINE_OUTBOUND_LINES: String(LINES), HOTLINE_OUTBOUND_WINDOW: 'always', HOTLINE_OUTBOUND_RING_SECONDS: '20' });
  const runtime = await pbxUp(config.localPbx, { repoDir: path.resolve('.'), promptLanguage: 'zh-CN' });
  const server = await startServer(config, { logger: createLogger('warn'), pbx: { ari: { ...runtime.ari, app: config.ari.app }, ami: runtime.ami, recordingsDir: runtime.recordingsDir, sip: { webSocketUrl: runtime.sip.wsUrl, agentSecret: runtime.sip.agentSecret } } });
  try {
    let reached = 0;
    let done = 0;
    let finished: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    server.outbound.onOutcome((_id, _purpose, outcome) => {
      done += 1;
      if (outcome.kind === 'reached') reached += 1;
      if (done === CALLS) finished();
    });
    let mostLinesSampled = 0;
    const sampler = setInterval(() => (mostLinesSampled = Math.max(mostLinesSampled, server.outbound.linesInUse(DEFAULT_TRUNK))), 5);
    const startedAt = Date.now();
    for (let i = 0; i < CALLS; i += 1) {
      const request: CallTaskRequest = { taskId: `visit-${i}`, purpose: 'return-visit', number: `1555${String(i).padStart(7, '0')}`, trunk: DEFAULT_TRUNK, flowId: 'survey', variables: { ticketNumber: `T-${i}` }, notBefore: startedAt, notAfter: null, window: DEFAULT_WINDOW, retry: DEFAULT_RETRY_POLICY };
      await server.outbound.request(request);
    }
    await allDone;
    const totalSeconds = (Date.now() - startedAt) / 1000;
    clearInterval(sampler);
    await server.outbound.drain();
    const rows = server.database.sqlite.prepare('select started_at as "from", ended_at as "to" from call_attempts').all() as Span[];
    const { most, idleMs } = lineUse(rows, LINES);
    const meanCallSeconds = rows.reduce((sum, r) => sum + (r.to - r.from), 0) / rows.length / 1000;
    return {
      calls: CALLS, reached, mostLinesSampled, mostLinesFromRows: most,
      idleLineSeconds: idleMs / 1000, idleShare: idleMs / (totalSeconds * 1000 * LINES),
      meanCallSeconds, totalSeconds, idealSeconds: (rows.length * meanCallSeconds) / LINES, asterisk: runtime.asteriskVersion,
    };
  } finally {
    await server.close();
    await pbxDown(config.localPbx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
