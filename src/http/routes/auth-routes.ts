import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AuthService } from '../../app/auth-service.js';
import { HttpError } from '../http-error.js';
import { TOKEN_COOKIE, tokenOf, userOf } from '../auth-guard.js';

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export function authRoutes(app: FastifyInstance, auth: AuthService): void {
  app.post('/api/auth/login', { config: { public: true }, schema: { body: LoginBody, tags: ['auth'] } }, async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    const result = await auth.login(username, password);
    if (!result.ok && result.code === 'AUTH_LOCKED') {
      void reply.header('retry-after', String(Math.ceil((result.retryAfterMs ?? 60_000) / 1000)));
      throw new HttpError(429, result.code, 'Too many wrong passwords: try again in a minute');
    }
    if (!result.ok) throw new HttpError(401, result.code, 'Wrong user name or password');
    const maxAge = Math.floor(result.ttlMs / 1000);
    void reply.header('set-cookie', `${TOKEN_COOKIE}=${result.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`);
    return { token: result.token, expiresAt: new Date(result.expiresAt).toISOString(), user: result.user };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const token = tokenOf(request);
    if (token) auth.logout(token);
    void reply.header('set-cookie', `${TOKEN_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return { signedOut: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'] } }, async (request) => ({ user: userOf(request) }));
}
