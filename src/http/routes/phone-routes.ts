// GET /api/phone/credentials: the signed-in agent's own browser phone credential, for the agent
// desktop to register with. Never cached; every reading, allowed or not, is in the audit log.
import type { FastifyInstance } from 'fastify';
import type { AuditStore } from '../../adapters/db/audit-store.js';
import { PhoneCredentialsReply } from '../../contract/api/phone.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import { allow, userOf } from '../auth-guard.js';
import { httpError } from '../http-error.js';
import { PHONE_SOCKET_PATH, phoneRefusal, type PhoneLines } from '../phone-lines.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface PhoneRoutesDeps {
  readonly phoneLines: PhoneLines;
  readonly audit: AuditStore;
  readonly now: () => number;
}

const schema = { tags: ['phone'], response: replies({ 200: PhoneCredentialsReply }, ['AUTH_FORBIDDEN', 'PHONE_NOT_ASSIGNED', 'PHONE_NOT_CONFIGURED']) };

export function phoneRoutes(app: FastifyInstance, deps: PhoneRoutesDeps): void {
  const audit = (user: AuthUser, result: 'ok' | 'denied' | 'failed', detail: Record<string, unknown> = {}): void =>
    deps.audit.write({ at: deps.now(), actor: user.id, role: user.role, action: 'phone.credentials', target: `phone:${user.agentId ?? 'none'}`, result, detail });

  app.withTypeProvider<TypeBoxProvider>().get('/api/phone/credentials', { config: allow('phone.use'), schema }, async (request, reply) => {
    const user = userOf(request);
    const refusal = phoneRefusal(user, deps.phoneLines);
    if (refusal !== null || user.agentId === null) {
      audit(user, 'denied', { code: refusal ?? 'PHONE_NOT_ASSIGNED' });
      throw refusal === 'AUTH_FORBIDDEN' ? httpError(refusal, 'Only a user whose sign-in names an agent has a phone') : httpError('PHONE_NOT_ASSIGNED');
    }
    const credential = deps.phoneLines.credential(user.agentId, 'web');
    if (!credential) {
      audit(user, 'failed', { reason: 'no-secret' });
      throw httpError('PHONE_NOT_CONFIGURED');
    }
    audit(user, 'ok', { endpoint: credential.endpoint });
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return {
      endpoint: credential.endpoint,
      sipUri: `sip:${credential.endpoint}@${deps.phoneLines.sipDomain}`,
      authUser: credential.endpoint,
      password: credential.password,
      socketPath: PHONE_SOCKET_PATH,
      socketProtocol: 'sip' as const,
    };
  });
}
