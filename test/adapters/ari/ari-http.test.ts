import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AriError, AriHttp } from '../../../src/adapters/ari/index.js';
import { LocalHttpServer } from './local-http-server.js';

const PASSWORD = 'pa55:word-never-logged';

let server: LocalHttpServer;
let http: AriHttp;

beforeEach(async () => {
  server = await LocalHttpServer.start();
  http = new AriHttp({ baseUrl: server.baseUrl, user: 'hotline', password: PASSWORD });
});
afterEach(() => server.close());

async function failure(promise: Promise<unknown>): Promise<AriError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AriError)) throw new Error(`expected an AriError, got ${String(error)}`);
  return error;
}

describe('AriHttp requests', () => {
  it('sends Basic auth in the header and no api_key in the URL', async () => {
    await http.request('POST', '/channels/1.1/answer');
    const [seen] = server.seen;
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from(`hotline:${PASSWORD}`).toString('base64')}`);
    expect(seen?.rawUrl).toBe('/ari/channels/1.1/answer');
    expect(seen?.rawUrl).not.toContain('api_key');
  });

  it('ignores credentials written into the base URL', async () => {
    const withUserInfo = new AriHttp({ baseUrl: `http://u:leak@127.0.0.1:${server.port}/ari/`, user: 'hotline', password: PASSWORD });
    expect(withUserInfo.baseUrl).toBe(server.baseUrl);
    await withUserInfo.request('GET', '/channels');
    expect(server.seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`hotline:${PASSWORD}`).toString('base64')}`);
  });

  it('encodes the query with %20 for spaces, joins lists with commas and skips undefined', async () => {
    await http.request('POST', '/channels', { query: { callerId: '"Citizen Zhang" <13800138000>', media: ['sound:a', 'sound:b'], timeout: 30, app: undefined } });
    const [seen] = server.seen;
    expect(seen?.rawUrl).toContain('callerId=%22Citizen%20Zhang%22%20%3C13800138000%3E');
    expect(seen?.query).toEqual({ callerId: '"Citizen Zhang" <13800138000>', media: 'sound:a,sound:b', timeout: '30' });
  });

  it('sends a JSON body with its content type', async () => {
    await http.request('POST', '/channels', { query: { endpoint: 'Local/1@x' }, body: { variables: { HOTLINE_TICKET: 'T-1' } } });
    const [seen] = server.seen;
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ variables: { HOTLINE_TICKET: 'T-1' } });
  });

  it('parses a JSON reply and gives undefined for 204', async () => {
    server.reply = (request) => (request.method === 'GET' ? { status: 200, body: { value: 'T-0001' } } : { status: 204 });
    await expect(http.request('GET', '/channels/1.1/variable', { query: { variable: 'X' } })).resolves.toEqual({ value: 'T-0001' });
    await expect(http.request('POST', '/channels/1.1/ring')).resolves.toBeUndefined();
  });
});

describe('AriHttp errors', () => {
  it.each([
    [404, 'Channel not found', 'ARI_NOT_FOUND'],
    [409, 'Channel not in Stasis application', 'ARI_CONFLICT'],
    [412, 'Channel in invalid state', 'ARI_CONFLICT'],
    [400, 'Invalid parameters', 'ARI_HTTP_ERROR'],
    [500, 'Allocation failed', 'ARI_HTTP_ERROR'],
  ] as const)('%i maps to its code with Asterisk message', async (status, message, code) => {
    server.reply = () => ({ status, body: { message } });
    const error = await failure(http.request('POST', '/channels/1.1/answer'));
    expect(error).toMatchObject({ code, status, method: 'POST', path: '/channels/1.1/answer' });
    expect(error.message).toContain(message);
  });

  it('a non-JSON error body still maps by status', async () => {
    server.reply = () => ({ status: 503, body: '<html>busy</html>' });
    expect(await failure(http.request('GET', '/channels'))).toMatchObject({ code: 'ARI_HTTP_ERROR', status: 503 });
  });

  it('a 200 that is not JSON → ARI_BAD_RESPONSE', async () => {
    server.reply = () => ({ status: 200, body: 'not json' });
    expect(await failure(http.request('GET', '/channels'))).toMatchObject({ code: 'ARI_BAD_RESPONSE', status: 200 });
  });

  it('no answer within timeoutMs → ARI_TIMEOUT', async () => {
    server.reply = () => ({ status: 200, stall: true });
    const started = Date.now();
    const error = await failure(http.request('GET', '/channels', { timeoutMs: 150 }));
    expect(error.code).toBe('ARI_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('connection refused → ARI_UNREACHABLE', async () => {
    const port = await freePort();
    const nowhere = new AriHttp({ baseUrl: `http://127.0.0.1:${port}/ari`, user: 'hotline', password: PASSWORD });
    const error = await failure(nowhere.request('GET', '/channels'));
    expect(error.code).toBe('ARI_UNREACHABLE');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('never puts the password in an error', async () => {
    server.reply = () => ({ status: 500, body: { message: 'boom' } });
    const errors = [await failure(http.request('GET', '/channels')), await failure(new AriHttp({ baseUrl: `http://127.0.0.1:${await freePort()}/ari`, user: 'u', password: PASSWORD }).request('GET', '/x'))];
    for (const error of errors) {
      expect(`${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`).not.toContain(PASSWORD);
    }
  });
});

/** A port nothing listens on: bind, read, release. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
