// Every route is closed unless it says otherwise: `config: { public: true }` opens it, `config:
// { roles: [...] }` narrows it to those roles (admin always passes); no config = any signed-in user.
// A token comes as `Authorization: Bearer <token>`, or, for reads only (an <audio> element cannot
// send headers), as the HttpOnly cookie set at login; writes need the header, which a forged
// cross-site form cannot send.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rolesFor, type Action } from '../domain/auth/permissions.js';
import { mayUse, type AuthUser, type Role } from '../domain/auth/roles.js';
import { httpError } from './http-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    readonly public?: boolean;
    readonly roles?: readonly Role[];
    /** The permission-table action the route is (domain/auth/permissions.ts). */
    readonly action?: Action;
  }
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

export const TOKEN_COOKIE = 'hotline_token';

export interface Authenticator {
  /** The signed-in user a token belongs to, or null. */
  userForToken(token: string): Promise<AuthUser | null>;
}

export function tokenOf(request: FastifyRequest): string | null {
  return tokenInHeaders(request.method, request.headers);
}

/** The token of a request's headers: the bearer header, or the cookie for reads (a WebSocket's opening is a GET). */
export function tokenInHeaders(method: string | undefined, headers: { readonly authorization?: string; readonly cookie?: string }): string | null {
  const header = headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  if (method !== 'GET' && method !== 'HEAD') return null;
  return cookieValue(headers.cookie, TOKEN_COOKIE);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function installAuthGuard(app: FastifyInstance, auth: Authenticator): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    const token = tokenOf(request);
    request.user = token === null ? null : await auth.userForToken(token);
    // The API description (/docs) is public: it holds no data, and integrators read it before signing in.
    const route = request.url.split('?')[0] ?? '';
    if (request.is404 || config.public || route === '/docs' || route.startsWith('/docs/')) return;
    if (!request.user) throw httpError('AUTH_REQUIRED');
    if (config.roles && !mayUse(request.user, config.roles)) {
      throw httpError('AUTH_FORBIDDEN', `This needs one of the roles: ${config.roles.join(', ')}`);
    }
  });
}

/** A route's config from the permission table: the roles that may do the action in some relation. */
export function allow(action: Action): { readonly roles: readonly Role[]; readonly action: Action } {
  return { roles: rolesFor(action), action };
}

/** The signed-in user of a route that requires one. */
export function userOf(request: FastifyRequest): AuthUser {
  if (!request.user) throw httpError('AUTH_REQUIRED');
  return request.user;
}
