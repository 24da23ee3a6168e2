// fetch() with the bearer token, JSON bodies and the server's error shape. A 401 ends the session:
// the page goes back to its sign-in form.
import type { ErrorBody } from './api-types.js';
import { fileName } from './content-disposition.js';
import { clearSession, loadSession } from './session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let unauthorized: () => void = () => location.reload();
/** A token given to this page alone (the report printer's, from the URL fragment): used, never stored. */
let bearer: string | null = null;

/** Sends every request of this page with `token` rather than the signed-in session's. */
export function useBearer(token: string): void {
  bearer = token;
}

function authHeaders(): Record<string, string> {
  const token = bearer ?? loadSession()?.token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** What to do when the server says the token is no longer good. */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  if (!response.ok) throw failed(response, url, text);
  return (text ? JSON.parse(text) : {}) as T;
}

/** The server's refusal as an ApiError; a 401 ends the session. */
function failed(response: Response, url: string, text: string): ApiError {
  let data: unknown = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    // Not JSON (a proxy's page): the status speaks.
  }
  // A proxy or a crash may answer without the server's error body.
  const failure = (data as Partial<ErrorBody> | null)?.error;
  const error = new ApiError(response.status, failure?.code ?? `HTTP_${response.status}`, failure?.message ?? response.statusText);
  if (response.status === 401 && !url.startsWith('/api/auth/login')) {
    clearSession();
    unauthorized();
  }
  return error;
}

/** A file the server makes (a PDF, a CSV): its bytes and the name it gives it. */
export async function fetchFile(url: string, fallbackName: string): Promise<{ readonly blob: Blob; readonly name: string }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: authHeaders() });
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw failed(response, url, await response.text());
  return { blob: await response.blob(), name: fileName(response.headers.get('content-disposition')) ?? fallbackName };
}

/** A query string from the filled-in values only. */
export function query(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
