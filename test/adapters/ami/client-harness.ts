// Shared set-up for the AMI client tests: a fake peer, a client with small timings, logs kept in memory.
import { readFileSync } from 'node:fs';
import pino from 'pino';
import Manager from 'asterisk-manager';
import { AmiClient, type AmiClientOptions } from '../../../src/adapters/ami/index.js';
import { FakeAmiServer } from './fake-ami-server.js';

export interface Harness {
  readonly server: FakeAmiServer;
  readonly client: AmiClient;
  /** Every asterisk-manager instance the client created, oldest first. */
  readonly managers: Manager.ManagerInstance[];
  /** Raw pino output, one JSON line per entry. */
  readonly logLines: string[];
}

export const PASSWORD = 'right-secret';

export async function startHarness(overrides: Partial<AmiClientOptions> = {}): Promise<Harness> {
  const server = await FakeAmiServer.start();
  const logLines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  const managers: Manager.ManagerInstance[] = [];
  const createManager = ((...args: Parameters<typeof Manager>) => {
    const manager = Manager(...args);
    managers.push(manager);
    return manager;
  }) as typeof Manager;
  const client = new AmiClient({
    host: '127.0.0.1',
    port: server.port,
    user: 'hotline',
    password: PASSWORD,
    logger,
    actionTimeoutMs: 300,
    heartbeatIntervalMs: 60_000,
    heartbeatTimeoutMs: 100,
    backoffInitialMs: 20,
    backoffMaxMs: 100,
    createManager,
    ...overrides,
  });
  return { server, client, managers, logLines };
}

export async function stopHarness(harness: Harness | undefined): Promise<void> {
  await harness?.client.stop();
  await harness?.server.close();
}


export interface TraceLine {
  readonly type: 'event' | 'response' | 'action';
  readonly message: Readonly<Record<string, string | string[]>>;
  readonly raw: string;
}

export function readTrace(name: string): TraceLine[] {
  const text = readFileSync(new URL(`./traces/${name}`, import.meta.url), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as TraceLine);
}

export { nextEmit, waitUntil } from '../../helpers/wait.js';
