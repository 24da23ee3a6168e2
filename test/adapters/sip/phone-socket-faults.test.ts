// The /sip socket where Asterisk misbehaves in ways a real one is not easily made to: its SIP
// WebSocket does not answer, or closes under a phone. A stand-in WebSocket server plays Asterisk
// for these faults only; the real path is walked in test/pbx/agent-phone-socket.test.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/app/ports/audit-log.js';
import type { AuthUser } from '../../../src/domain/auth/roles.js';
import { MAX_PHONE_SOCKETS_PER_USER, PhoneSockets } from '../../../src/http/phone-socket.js';
import { PHONE_FRAME_MAX_BYTES } from '../../../src/adapters/sip/sip-socket-relay.js';
import { createLogger } from '../../../src/logging/logger.js';
import { waitUntil } from '../../helpers/wait.js';

const AGENT: AuthUser = { id: '8001', name: '王丽', role: 'agent', agentId: '8001', duties: [] };

interface Rig {
  readonly url: string;
  readonly sockets: PhoneSockets;
  readonly audit: AuditEntry[];
  close(): Promise<void>;
}

async function rig(pbxSocketUrl: string): Promise<Rig> {
  const server = http.createServer((_request, response) => response.end());
  const audit: AuditEntry[] = [];
  const sockets = new PhoneSockets({
    auth: { userForToken: async (token) => (token === 'agent-token' ? AGENT : null) },
    lines: { pbxSocketUrl, sipDomain: '127.0.0.1', hasAgent: () => true, supervisorPhones: false, credential: () => null, citizen: null },
    audit: { write: async (entry) => void audit.push(entry) },
    logger: createLogger('silent'),
    now: Date.now,
    pbxTimeoutMs: 500,
  });
  sockets.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    sockets,
    audit,
    close: async () => {
      sockets.closeAll();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Opens a phone socket; resolves with it, or with the HTTP status of its refusal. */
function openPhone(url: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'sip', { headers: { cookie: 'hotline_token=agent-token' } });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => undefined);
  });
}

const closeCode = (socket: WebSocket): Promise<number> => new Promise((resolve) => socket.once('close', (code) => resolve(code)));

describe('the phone socket when Asterisk fails', () => {
  let pbx: WebSocketServer;
  const pbxSide: WebSocket[] = [];
  let healthy: Rig;

  beforeAll(async () => {
    pbx = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    pbx.on('connection', (socket) => pbxSide.push(socket));
    await new Promise((resolve) => pbx.once('listening', resolve));
    healthy = await rig(`ws://127.0.0.1:${(pbx.address() as AddressInfo).port}/ws`);
  });
  afterAll(async () => {
    await healthy.close();
    await new Promise((resolve) => pbx.close(resolve));
  });

  it("refuses the phone with 502 before the upgrade when Asterisk's WebSocket does not answer", async () => {
    const closed = await rig('ws://127.0.0.1:1/ws');
    expect(await openPhone(`${closed.url}/sip`)).toBe(502);
    expect(closed.audit.map((entry) => [entry.action, entry.result, entry.detail])).toEqual([['phone.socket', 'denied', { code: 'PHONE_PBX_UNREACHABLE' }]]);
    await closed.close();
  });

  it('closes the phone when Asterisk closes its side, and counts open phones', async () => {
    const phone = await openPhone(`${healthy.url}/sip`);
    if (typeof phone === 'number') throw new Error(`refused: ${phone}`);
    expect(healthy.sockets.openCount).toBe(1);
    const closing = closeCode(phone);
    await waitUntil(() => pbxSide.length > 0);
    pbxSide[pbxSide.length - 1]?.close(1001);
    expect(await closing).toBe(1001);
    await waitUntil(() => healthy.sockets.openCount === 0);
  });

  it('closes both sides of a phone that sends a frame over the cap', async () => {
    const phone = await openPhone(`${healthy.url}/sip`);
    if (typeof phone === 'number') throw new Error(`refused: ${phone}`);
    await waitUntil(() => pbxSide.some((socket) => socket.readyState === WebSocket.OPEN));
    const asterisk = pbxSide[pbxSide.length - 1];
    if (!asterisk) throw new Error('no Asterisk side');
    const asteriskClosed = closeCode(asterisk);
    const closing = closeCode(phone);
    phone.send('x'.repeat(PHONE_FRAME_MAX_BYTES + 1));
    expect(await closing).toBe(1009);
    expect(await asteriskClosed).toBe(1011);
    await waitUntil(() => healthy.sockets.openCount === 0);
  });

  it(`lets one user hold ${MAX_PHONE_SOCKETS_PER_USER} phone sockets at once, and answers other upgrade paths 404`, async () => {
    const phones = await Promise.all(Array.from({ length: MAX_PHONE_SOCKETS_PER_USER + 1 }, () => openPhone(`${healthy.url}/sip`)));
    expect(phones.filter((phone) => phone === 429)).toHaveLength(1);
    for (const phone of phones) if (typeof phone !== 'number') phone.close();
    await waitUntil(() => healthy.sockets.openCount === 0);
    expect(await openPhone(`${healthy.url}/elsewhere`)).toBe(404);
  });
});
