// A Stasis application of the test's own on the shared Asterisk, raw: every event as Asterisk sent
// it (the server's AriClient keeps only the types it maps, and the phone tests need ChannelHold and
// ChannelUnhold too), and plain REST requests. Not a client for production: no reconnect.
import WebSocket from 'ws';
import { eventsUrl } from '../../src/adapters/ari/ari-client.js';

export interface RawAriEvent {
  readonly type: string;
  readonly channel?: { readonly id: string; readonly name: string; readonly state: string };
  readonly digit?: string;
  readonly recording?: { readonly name: string; readonly state: string; readonly duration?: number };
  readonly [key: string]: unknown;
}

export interface AriTestApp {
  readonly app: string;
  readonly events: RawAriEvent[];
  /** The first event (already come or coming) that matches, or a rejection after timeoutMs. */
  next(match: (event: RawAriEvent) => boolean, timeoutMs?: number): Promise<RawAriEvent>;
  request<T = unknown>(method: 'GET' | 'POST' | 'DELETE', route: string, query?: Record<string, string | number>, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface AriAccess {
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

export async function startAriTestApp(ari: AriAccess, app: string): Promise<AriTestApp> {
  const authorization = `Basic ${Buffer.from(`${ari.user}:${ari.password}`).toString('base64')}`;
  const socket = new WebSocket(eventsUrl(ari.url, app), { headers: { authorization } });
  const events: RawAriEvent[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    events.push(JSON.parse(data.toString()) as RawAriEvent);
    for (const wake of [...waiters]) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  const next = (match: (event: RawAriEvent) => boolean, timeoutMs = 10_000): Promise<RawAriEvent> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = events.find(match);
        if (!found) return false;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`no matching ARI event within ${timeoutMs} ms (last: ${events.slice(-5).map((e) => e.type).join(', ')})`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });

  const request = async <T>(method: 'GET' | 'POST' | 'DELETE', route: string, query: Record<string, string | number> = {}, body?: unknown): Promise<T> => {
    const url = new URL(`${ari.url.replace(/\/$/, '')}${route}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    const reply = await fetch(url, { method, headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await reply.text();
    if (!reply.ok) throw new Error(`ARI ${method} ${route}: ${reply.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const close = (): Promise<void> =>
    new Promise((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) return resolve();
      socket.once('close', () => resolve());
      socket.close();
    });
  return { app, events, next, request, close };
}
