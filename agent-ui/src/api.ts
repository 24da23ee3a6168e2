// fetch() with the bearer token, JSON bodies and the server's error shape. A 401 ends the session:
// the page goes back to its sign-in form.
import type { ErrorBody } from './api-types.js';
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

/** What to do when the server says the token is no longer good. */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = loadSession()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : {};
  if (!response.ok) {
    // A proxy or a crash may answer without the server's error body.
    const failure = (data as Partial<ErrorBody>).error;
    const error = new ApiError(response.status, failure?.code ?? `HTTP_${response.status}`, failure?.message ?? response.statusText);
    if (response.status === 401 && !url.startsWith('/api/auth/login')) {
      clearSession();
      unauthorized();
    }
    throw error;
  }
  return data as T;
}

/** A query string from the filled-in values only. */
export function query(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
