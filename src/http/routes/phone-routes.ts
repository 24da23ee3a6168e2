// GET /api/phone/credentials: the signed-in user's own browser phone credential, for the agent
// desktop (an agent's phone) or the wallboard (a supervisor's) to register with. Never cached; every reading, allowed or not, is in the audit log.
// GET /api/phone/citizen-credentials: the demo citizen's phone for the /phone page, without a
// sign-in and in demo mode only (the embedded Asterisk); otherwise 404 CITIZEN_PHONE_OFF.
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../../app/ports/audit-log.js';
import { CitizenPhoneReply, PhoneCredentialsReply } from '../../contract/api/phone.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import { allow, userOf } from '../auth-guard.js';
import { httpError } from '../http-error.js';
import { CITIZEN_SOCKET_PATH, PHONE_SOCKET_PATH, phoneAuditTarget, phoneOfUser, type PhoneLines } from '../phone-lines.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface PhoneRoutesDeps {
  readonly phoneLines: PhoneLines;
  readonly audit: AuditLog;
  readonly now: () => number;
}

const schema = { tags: ['phone'], response: replies({ 200: PhoneCredentialsReply }, ['AUTH_FORBIDDEN', 'PHONE_NOT_ASSIGNED', 'PHONE_NOT_CONFIGURED']) };

const citizenSchema = { tags: ['phone'], response: replies({ 200: CitizenPhoneReply }, ['CITIZEN_PHONE_OFF', 'PHONE_NOT_CONFIGURED'], 'public') };

export function phoneRoutes(app: FastifyInstance, deps: PhoneRoutesDeps): void {
  citizenPhoneRoute(app, deps.phoneLines);
  const audit = (user: AuthUser, result: 'ok' | 'denied' | 'failed', detail: Record<string, unknown> = {}): Promise<void> =>
    deps.audit.write({ at: deps.now(), actor: user.id, role: user.role, action: 'phone.credentials', target: phoneAuditTarget(user), result, detail });

  app.withTypeProvider<TypeBoxProvider>().get('/api/phone/credentials', { config: allow('phone.use'), schema }, async (request, reply) => {
    const user = userOf(request);
    const phone = phoneOfUser(user, deps.phoneLines);
    if (!phone.ok) {
      await audit(user, 'denied', { code: phone.code });
      throw phone.code === 'AUTH_FORBIDDEN' ? httpError(phone.code, 'Only agents and supervisors have a phone') : httpError('PHONE_NOT_ASSIGNED');
    }
    const credential = deps.phoneLines.credential(phone.owner);
    if (!credential) {
      await audit(user, 'failed', { reason: 'no-secret' });
      throw httpError('PHONE_NOT_CONFIGURED');
    }
    await audit(user, 'ok', { endpoint: credential.endpoint });
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

/** The citizen page's credential: public, as the page is, but only while the citizen phone exists (demo mode). */
function citizenPhoneRoute(app: FastifyInstance, lines: PhoneLines): void {
  app.withTypeProvider<TypeBoxProvider>().get('/api/phone/citizen-credentials', { config: { public: true }, schema: citizenSchema }, async (_request, reply) => {
    if (lines.citizen === null) throw httpError('CITIZEN_PHONE_OFF');
    const credential = lines.citizen.credential();
    if (!credential) throw httpError('PHONE_NOT_CONFIGURED');
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return {
      endpoint: credential.endpoint,
      sipUri: `sip:${credential.endpoint}@${lines.sipDomain}`,
      authUser: credential.endpoint,
      password: credential.password,
      socketPath: CITIZEN_SOCKET_PATH,
      socketProtocol: 'sip' as const,
    };
  });
}
