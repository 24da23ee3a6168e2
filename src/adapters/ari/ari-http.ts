// ARI REST over node:http. Credentials travel only in the Authorization header: the `api_key`
// query would put the password in every URL Asterisk, proxies and our own logs might print.
import http from 'node:http';
import https from 'node:https';
import { AriError, type AriErrorCode } from './ari-error.js';

export type AriMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type AriQueryValue = string | number | boolean | readonly string[] | undefined;

export interface AriRequestOptions {
  readonly query?: Readonly<Record<string, AriQueryValue>>;
  /** Sent as JSON (ARI takes `variables` of originate and setChannelVar this way). */
  readonly body?: unknown;
  readonly timeoutMs?: number;
}

export interface AriHttpOptions {
  /** Like http://127.0.0.1:8088/ari; user info in it is ignored, credentials come from user/password. */
  readonly baseUrl: string;
  readonly user: string;
  readonly password: string;
  readonly timeoutMs?: number;
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
   * node:http with a small keep-alive pool rather than fetch: under a hundred calls fetch opened
   * fresh connections, and its per-request objects (Request, Headers, AbortSignal.timeout, whose
   * timer fires and builds an exception even after the answer came) made garbage-collection pauses
   * that delayed prompts (measured by bench/ivr-key-latency.bench.ts, see docs/decisions.md).
   */
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(options: AriHttpOptions) {
    this.baseUrl = cleanBaseUrl(options.baseUrl);
    this.base = new URL(this.baseUrl);
    this.authorization = basicAuthorization(options.user, options.password);
    this.timeoutMs = options.timeoutMs ?? 5000;
    const secure = this.base.protocol === 'https:';
    // Idle sockets are dropped after 10 s, before Asterisk's own 15 s keep-alive limit closes them.
    const pool = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16, scheduling: 'lifo' as const, timeout: 10_000 };
    this.transport = secure ? https : http;
    this.agent = secure ? new https.Agent(pool) : new http.Agent(pool);
  }

  /**
   * One ARI call. `path` is below the base URL (`/channels/1.2/answer`), ids already encoded.
   * Resolves with the parsed JSON body (undefined for 204); T is the caller's word for its shape.
   */
  async request<T>(method: AriMethod, path: string, options: AriRequestOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const fail = (code: AriErrorCode, message: string, status?: number, cause?: unknown): AriError =>
      new AriError(code, message, { method, path, status, cause });
    let answer: RawAnswer;
    const fullPath = `${this.base.pathname}${path}${queryString(options.query)}`;
    try {
      answer = await this.send(method, fullPath, options.body, timeoutMs).catch((error: unknown) => {
        // Asterisk may close an idle kept-alive connection just as we reuse it; it read nothing of
        // the request then, so sending it once more on a fresh connection is safe.
        if (error instanceof StaleConnection) return this.send(method, fullPath, options.body, timeoutMs);
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

  /** Closes the idle keep-alive connections (requests in flight finish or fail on their own). */
  close(): void {
    this.agent.destroy();
  }

  private send(method: AriMethod, fullPath: string, body: unknown, timeoutMs: number): Promise<RawAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { Authorization: this.authorization, Accept: 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    return new Promise<RawAnswer>((resolve, reject) => {
      const request = this.transport.request({ host: this.base.hostname.replace(/^\[|\]$/g, ''), port: this.base.port || undefined, method, path: fullPath, headers, agent: this.agent });
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
