// Ending a conversation resolves only once its channels are out of the bridge: Asterisk answers the
// bridge's DELETE before it has taken them out, and a prompt asked for meanwhile is queued inside
// the dissolving bridge and dropped, never played nor reported (a survey went silent that way, 3
// runs in 20 on the real Asterisk). The order of Asterisk's events cannot be forced on a live
// server, so a stand-in client delivers them; the pbx tier's survey test runs the real thing.
import { describe, expect, it } from 'vitest';
import type { AriClient } from '../../../src/adapters/ari/index.js';
import type { AriEvent } from '../../../src/adapters/ari/ari-events.js';
import { AriTelephony } from '../../../src/adapters/ari/ari-telephony.js';
import { createLogger } from '../../../src/logging/logger.js';

function standIn(answer: (method: string, path: string) => Promise<unknown>) {
  const listeners: ((event: AriEvent) => void)[] = [];
  const requests: string[] = [];
  const client = {
    on: (_type: 'event', listener: (event: AriEvent) => void) => void listeners.push(listener),
    http: { request: (method: string, path: string) => (requests.push(`${method} ${path}`), answer(method, path)) },
  } as unknown as AriClient;
  const emit = (type: 'ChannelLeftBridge' | 'BridgeDestroyed', channels: string[]): void => {
    for (const listener of listeners) listener({ type, bridge: { id: 'conv-c1', channels }, channel: { id: 'c1' } } as unknown as AriEvent);
  };
  return { client, emit, requests };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ending a conversation', () => {
  it('waits after the DELETE until the last channel has left the bridge', async () => {
    const { client, emit, requests } = standIn(async () => undefined);
    const telephony = new AriTelephony(client, { app: 'hotline' });
    await telephony.connect('c1', 'leg1', 'conv-c1');
    emit('ChannelLeftBridge', ['c1']);
    let done = false;
    const ending = telephony.disconnect('conv-c1').then(() => (done = true));
    await settle();
    expect(requests.at(-1)).toBe('DELETE /bridges/conv-c1');
    expect(done).toBe(false);
    emit('ChannelLeftBridge', []);
    await ending;
    expect(done).toBe(true);
  });

  it('does not wait for a bridge already empty or already gone', async () => {
    const { client, emit } = standIn(async () => undefined);
    const telephony = new AriTelephony(client, { app: 'hotline' });
    await telephony.connect('c1', 'leg1', 'conv-c1');
    emit('BridgeDestroyed', []);
    await expect(telephony.disconnect('conv-c1')).resolves.toBeUndefined();
    await expect(telephony.disconnect('conv-unknown')).resolves.toBeUndefined();
  });

  it('goes on after its time limit if Asterisk never says the bridge emptied, and warns of it', async () => {
    const { client } = standIn(async () => undefined);
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', { write: (text: string) => void lines.push(JSON.parse(text) as Record<string, unknown>) });
    const telephony = new AriTelephony(client, { app: 'hotline', logger });
    await telephony.join('conv-c1', 'party1');
    const started = Date.now();
    await telephony.disconnect('conv-c1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', conversationId: 'conv-c1' })]);
  });
});
