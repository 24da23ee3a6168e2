// ARI REST over Node's fetch. Credentials travel only in the Authorization header: the `api_key`
// query would put the password in every URL Asterisk, proxies and our own logs might print.
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

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export class AriHttp {
  readonly baseUrl: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(options: AriHttpOptions) {
    this.baseUrl = cleanBaseUrl(options.baseUrl);
    this.authorization = basicAuthorization(options.user, options.password);
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /**
   * One ARI call. `path` is below the base URL (`/channels/1.2/answer`), ids already encoded.
   * Resolves with the parsed JSON body (undefined for 204); T is the caller's word for its shape.
   */
  async request<T>(method: AriMethod, path: string, options: AriRequestOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const fail = (code: AriErrorCode, message: string, status?: number, cause?: unknown): AriError =>
      new AriError(code, message, { method, path, status, cause });
    const signal = AbortSignal.timeout(timeoutMs);
    let text: string;
    let status: number;
    try {
      const response = await fetch(`${this.baseUrl}${path}${queryString(options.query)}`, this.init(method, options.body, signal));
      status = response.status;
      // Reading the body is inside the try: the timeout signal covers a server that stalls mid-body.
      text = await response.text();
    } catch (error) {
      if (isTimeout(error)) throw fail('ARI_TIMEOUT', `no answer within ${timeoutMs} ms`, undefined, error);
      throw fail('ARI_UNREACHABLE', `cannot reach ARI (${describeNetworkError(error)})`, undefined, error);
    }
    if (status < 200 || status > 299) throw fail(codeForStatus(status), asteriskMessage(text, status), status);
    return parseBody<T>(text, (message, cause) => fail('ARI_BAD_RESPONSE', message, status, cause));
  }

  private init(method: AriMethod, body: unknown, signal: AbortSignal): RequestInit {
    const headers: Record<string, string> = { Authorization: this.authorization, Accept: 'application/json' };
    if (body === undefined) return { method, headers, signal };
    return { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal };
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

/** fetch says only "fetch failed"; the useful part (ECONNREFUSED...) is in its cause. */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
