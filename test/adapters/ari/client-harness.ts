// Shared set-up for the AriClient socket tests: a local WebSocket peer, a client with small timings,
// and every log line kept in memory (at trace level, so nothing escapes the password check).
import pino from 'pino';
import { afterEach } from 'vitest';
import { AriClient, type AriClientOptions, type AriEvent } from '../../../src/adapters/ari/index.js';
import { nextEmit, waitUntil } from '../../helpers/wait.js';
import { LocalAriWsServer } from './local-ari-ws-server.js';

export const PASSWORD = 'S3cret-ari-pw';

export interface Harness {
  readonly server: LocalAriWsServer;
  readonly client: AriClient;
  readonly events: AriEvent[];
  readonly logLines: string[];
}

export async function startHarness(overrides: Partial<AriClientOptions> = {}): Promise<Harness> {
  const server = await LocalAriWsServer.start();
  const logLines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  const client = new AriClient({
    url: server.baseUrl,
    user: 'hotline',
    password: PASSWORD,
    app: 'hotline',
    logger,
    heartbeatIntervalMs: 100,
    heartbeatTimeoutMs: 300,
    backoffInitialMs: 20,
    backoffMaxMs: 100,
    requestTimeoutMs: 1000,
    ...overrides,
  });
  const events: AriEvent[] = [];
  client.on('event', (event) => void events.push(event));
  return { server, client, events, logLines };
}

/** A harness whose client has connected once. */
export async function startConnectedHarness(overrides: Partial<AriClientOptions> = {}): Promise<Harness> {
  const harness = await startHarness(overrides);
  const connected = nextEmit(harness.client, 'connected');
  harness.client.start();
  await connected;
  return harness;
}

/** One harness per test, stopped after it: `connected` starts one whose client has connected, `started` one not yet started. */
export function harnessPerTest(): { connected(overrides?: Partial<AriClientOptions>): Promise<Harness>; started(overrides?: Partial<AriClientOptions>): Promise<Harness> } {
  let current: Harness | undefined;
  afterEach(async () => {
    await stopHarness(current);
    current = undefined;
  });
  return {
    connected: async (overrides) => (current = await startConnectedHarness(overrides)),
    started: async (overrides) => (current = await startHarness(overrides)),
  };
}

export async function stopHarness(harness: Harness | undefined): Promise<void> {
  await harness?.client.stop();
  await harness?.server.close();
}


export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function stasisStart(channelId: string): Record<string, unknown> {
  return {
    type: 'StasisStart',
    timestamp: '2026-11-22T19:26:22.254+0000',
    application: 'hotline',
    args: [],
    channel: { id: channelId, name: `Local/12345@from-citizen-00000000;2`, state: 'Up' },
  };
}

/** Parsed log entries (pino JSON lines). */
export function logEntries(lines: readonly string[]): Array<Record<string, unknown>> {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

export { nextEmit, waitUntil };
