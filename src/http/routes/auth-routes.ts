// Sign-in (a token, also set as an HttpOnly cookie for <audio>), sign-out, and who is signed in.
import type { FastifyInstance } from 'fastify';
import { LoginBody, LoginReply, LogoutReply, MeReply } from '../../contract/api/auth.js';
import type { AuthService } from '../../app/auth-service.js';
import { httpError } from '../http-error.js';
import { TOKEN_COOKIE, tokenOf, userOf } from '../auth-guard.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export function authRoutes(app: FastifyInstance, auth: AuthService): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const login = { body: LoginBody, tags: ['auth'], response: replies({ 200: LoginReply }, ['REQUEST_INVALID', 'AUTH_INVALID_CREDENTIALS', 'AUTH_LOCKED'], 'public') };
  api.post('/api/auth/login', { config: { public: true }, schema: login }, async (request, reply) => {
    const { username, password } = request.body;
    // The socket's address: behind a reverse proxy every client has the proxy's (see the README).
    const result = await auth.login(username, password, request.ip);
    if (!result.ok && result.code === 'AUTH_LOCKED') {
      void reply.header('retry-after', String(Math.ceil((result.retryAfterMs ?? 60_000) / 1000)));
      throw httpError('AUTH_LOCKED');
    }
    if (!result.ok) throw httpError(result.code);
    const maxAge = Math.floor(result.ttlMs / 1000);
    void reply.header('set-cookie', `${TOKEN_COOKIE}=${result.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`);
    return { token: result.token, expiresAt: new Date(result.expiresAt).toISOString(), user: result.user };
  });

  api.post('/api/auth/logout', { schema: { tags: ['auth'], response: replies({ 200: LogoutReply }) } }, async (request, reply) => {
    const token = tokenOf(request);
    if (token) await auth.logout(token);
    void reply.header('set-cookie', `${TOKEN_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return { signedOut: true as const };
  });

  api.get('/api/auth/me', { schema: { tags: ['auth'], response: replies({ 200: MeReply }) } }, async (request) => ({ user: userOf(request) }));
}
