// ARI REST over node:http, in two connection pools (fast: prompts, answers, hang-ups; slow: what
// creates channels, bridges and recordings), each request timed per route. Credentials travel only
// in the Authorization header: the `api_key` query would put the password in every URL Asterisk,
// proxies and our own logs might print.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { MetricsRegistry, type Timing } from '../metrics/metrics-registry.js';
import { ARI_REQUEST_WINDOWS } from '../metrics/load-signals.js';
import { AriError, type AriErrorCode } from './ari-error.js';
import { poolOf, routeOf, type AriMethod, type AriPool } from './ari-routes.js';

export type { AriMethod };
export type AriQueryValue = string | number | boolean | readonly string[] | undefined;

export interface AriRequestOptions {
  readonly query?: Readonly<Record<string, AriQueryValue>>;
  /** Sent as JSON (ARI takes `variables` of originate and setChannelVar this way). */
  readonly body?: unknown;
  /** This request's own time limit (an originate that rings for 30 s needs more than the default). */
  readonly timeoutMs?: number;
}

export interface AriHttpOptions {
  /** Like http://127.0.0.1:8088/ari; user info in it is ignored, credentials come from user/password. */
  readonly baseUrl: string;
  readonly user: string;
  readonly password: string;
  readonly timeoutMs?: number;
  /** Where each request's time is recorded, by route; a registry of its own when not given. */
  readonly metrics?: MetricsRegistry;
  /** Connections each pool may hold open at once (default fast 64, slow 16). */
  readonly poolSockets?: Readonly<Partial<Record<AriPool, number>>>;
}

/** The base URL without user info or trailing slash, safe to log. */
export function cleanBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * encodeURIComponent, not URLSearchParams: the latter writes spaces as `+`, which only some HTTP
 * servers read back as a space. ARI's "allowMultiple" parameters take a comma-separated list.
 */
function queryString(query: Readonly<Record<string, AriQueryValue>> | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function codeForStatus(status: number): AriErrorCode {
  if (status === 404) return 'ARI_NOT_FOUND';
  if (status === 409 || status === 412) return 'ARI_CONFLICT';
  return 'ARI_HTTP_ERROR';
}

/** Asterisk explains errors as `{"message": "..."}`; anything else is summarised by status. */
function asteriskMessage(text: string, status: number): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
      return `${status} ${body.message}`;
    }
  } catch {
    // Not JSON: fall through to the bare status.
  }
  return `HTTP ${status}`;
}

/** A request that outlived its time limit: told apart from network errors when it is destroyed. */
class RequestTimedOut extends Error {}

/** A reused keep-alive connection that turned out closed before any answer. */
class StaleConnection extends Error {}

interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

export class AriHttp {
  readonly baseUrl: string;
  private readonly base: URL;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  /**
   * node:http with small keep-alive pools rather than fetch: under a hundred calls fetch opened
   * fresh connections, and its per-request objects (Request, Headers, AbortSignal.timeout, whose
   * timer fires and builds an exception even after the answer came) made garbage-collection pauses
   * that delayed prompts (measured by bench/ivr-key-latency.bench.ts, see docs/decisions.md).
   * Two pools, so requests that take long (originates, snoops, recordings) can fill theirs
   * without a prompt, an answer or a hang-up waiting behind them for a socket.
   */
  private readonly agents: Readonly<Record<AriPool, http.Agent>>;
  private readonly transport: typeof http | typeof https;
  readonly metrics: MetricsRegistry;
  /** Each route's timing, found once per route rather than once per request. */
  private readonly timings = new Map<string, { readonly timing: Timing; readonly pool: AriPool }>();

  constructor(options: AriHttpOptions) {
    this.baseUrl = cleanBaseUrl(options.baseUrl);
    this.base = new URL(this.baseUrl);
    this.authorization = basicAuthorization(options.user, options.password);
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.metrics = options.metrics ?? new MetricsRegistry();
    const secure = this.base.protocol === 'https:';
    this.transport = secure ? https : http;
    // Idle sockets are dropped after 10 s, before Asterisk's own 15 s keep-alive limit closes them.
    const agent = (maxSockets: number): http.Agent => {
      const pool = { keepAlive: true, maxSockets, maxFreeSockets: Math.min(16, maxSockets), scheduling: 'lifo' as const, timeout: 10_000 };
      return secure ? new https.Agent(pool) : new http.Agent(pool);
    };
    this.agents = { fast: agent(options.poolSockets?.fast ?? 64), slow: agent(options.poolSockets?.slow ?? 16) };
  }

  /**
   * One ARI call. `path` is below the base URL (`/channels/1.2/answer`), ids already encoded.
   * Resolves with the parsed JSON body (undefined for 204); T is the caller's word for its shape.
   */
  async request<T>(method: AriMethod, path: string, options: AriRequestOptions = {}): Promise<T> {
    const { timing, pool } = this.routeTiming(method, path);
    const started = performance.now();
    try {
      const result = await this.exchange<T>(method, path, options, pool);
      timing.record(performance.now() - started);
      return result;
    } catch (error) {
      timing.record(performance.now() - started, error instanceof AriError && error.code === 'ARI_TIMEOUT' ? 'timeout' : 'error');
      throw error;
    }
  }

  /** The pool a request to this path uses (fast or slow). */
  poolFor(method: AriMethod, path: string): AriPool {
    return this.routeTiming(method, path).pool;
  }

  /** Closes the idle keep-alive connections (requests in flight finish or fail on their own). */
  close(): void {
    this.agents.fast.destroy();
    this.agents.slow.destroy();
  }

  private routeTiming(method: AriMethod, path: string): { readonly timing: Timing; readonly pool: AriPool } {
    const route = routeOf(method, path);
    let found = this.timings.get(route);
    if (!found) {
      const pool = poolOf(route);
      found = { timing: this.metrics.timing('ari-request', route, ARI_REQUEST_WINDOWS[pool]), pool };
      this.timings.set(route, found);
    }
    return found;
  }

  private async exchange<T>(method: AriMethod, path: string, options: AriRequestOptions, pool: AriPool): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const fail = (code: AriErrorCode, message: string, status?: number, cause?: unknown): AriError =>
      new AriError(code, message, { method, path, status, cause });
    let answer: RawAnswer;
    const fullPath = `${this.base.pathname}${path}${queryString(options.query)}`;
    const agent = this.agents[pool];
    try {
      answer = await this.send(method, fullPath, options.body, timeoutMs, agent).catch((error: unknown) => {
        // Asterisk may close an idle kept-alive connection just as we reuse it; it read nothing of
        // the request then, so sending it once more on a fresh connection is safe.
        if (error instanceof StaleConnection) return this.send(method, fullPath, options.body, timeoutMs, agent);
        throw error;
      });
    } catch (error) {
      if (error instanceof RequestTimedOut) throw fail('ARI_TIMEOUT', `no answer within ${timeoutMs} ms`, undefined, error);
      throw fail('ARI_UNREACHABLE', `cannot reach ARI (${describeNetworkError(error)})`, undefined, error);
    }
    const { status, text } = answer;
    if (status < 200 || status > 299) throw fail(codeForStatus(status), asteriskMessage(text, status), status);
    return parseBody<T>(text, (message, cause) => fail('ARI_BAD_RESPONSE', message, status, cause));
  }

  private send(method: AriMethod, fullPath: string, body: unknown, timeoutMs: number, agent: http.Agent): Promise<RawAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { Authorization: this.authorization, Accept: 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    return new Promise<RawAnswer>((resolve, reject) => {
      const request = this.transport.request({ host: this.base.hostname.replace(/^\[|\]$/g, ''), port: this.base.port || undefined, method, path: fullPath, headers, agent });
      // One timer covers connecting, a stalled server and a body that stops half-way.
      const timer = setTimeout(() => request.destroy(new RequestTimedOut()), timeoutMs);
      let answered = false;
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const stale = request.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(stale ? new StaleConnection(error.message, { cause: error }) : error);
      });
      request.on('response', (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      request.end(payload);
    });
  }
}

function parseBody<T>(text: string, fail: (message: string, cause: unknown) => AriError): T {
  if (text.length === 0) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw fail('response is not JSON', error);
  }
}

/** The system error code (ECONNREFUSED...) says more than the message. */
function describeNetworkError(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
