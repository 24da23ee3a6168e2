// Headers every answer carries. No CORS headers on purpose: the desktop, the wallboard and the API
// are one origin, and a browser on another origin must not read the API with a user's cookie.
import type { FastifyInstance } from 'fastify';

const HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // Scripts, styles and media come from this server only; the desktop opens no other connection
  // than its own (Socket.IO over ws: on the same host).
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(HEADERS)) {
      // The API description page loads its own inline script.
      if (name === 'content-security-policy' && request.url.startsWith('/docs')) continue;
      void reply.header(name, value);
    }
    // Work orders and citizens' numbers must not sit in shared or browser caches.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
