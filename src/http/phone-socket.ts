// The /sip WebSocket: a signed-in agent's (or supervisor's wallboard) browser phone, relayed to Asterisk's SIP WebSocket, which
// stays on loopback. A browser cannot set headers on a WebSocket, so the sign-in comes with the
// HttpOnly cookie set at login (or a bearer header from other clients; never a token in the URL).
// Every refusal is an HTTP answer with a catalogued code before the upgrade. This module answers
// every upgrade but Socket.IO's, so an unknown path is refused here too. In demo mode only (the
// embedded Asterisk), /sip/citizen admits the citizen phone page without a sign-in; its socket
// passes only requests made as the citizen's own endpoint (citizen-web).
import { STATUS_CODES, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { connectToPbx, PHONE_FRAME_MAX_BYTES, relayPhoneFrames } from '../adapters/sip/sip-socket-relay.js';
import type { AuditLog } from '../app/ports/audit-log.js';
import type { AuthUser } from '../domain/auth/roles.js';
import type { PhoneSocketKind } from '../domain/phone/phone-frame-check.js';
import { webPhoneEndpoint } from '../domain/phone/web-phone.js';
import type { Logger } from '../logging/logger.js';
import { tokenInHeaders, type Authenticator } from './auth-guard.js';
import { HTTP_ERRORS, type HttpErrorCode } from './error-catalogue.js';
import { CITIZEN_SOCKET_PATH, PHONE_SOCKET_PATH, phoneAuditTarget, phoneOfUser, type PhoneLines } from './phone-lines.js';

export interface PhoneSocketDeps {
  readonly auth: Authenticator;
  readonly lines: PhoneLines;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly now: () => number;
  /** How long Asterisk's WebSocket may take to open before the phone is refused (502). */
  readonly pbxTimeoutMs?: number;
  /** An agent's phone socket closed: a call over it (the agent's line) is dead, though Asterisk cannot tell. */
  readonly phoneClosed?: (agentId: string) => void;
}

/** A user's pages may each hold a phone; more than this is a leak or a flood (Asterisk's HTTP sessions are shared with ARI). */
export const MAX_PHONE_SOCKETS_PER_USER = 3;
const SOCKET_IO_PATH = '/socket.io/';

/** Whose phone a socket is: a signed-in agent's, or the demo citizen's (no user; its sockets counted under one key). */
interface PhoneOwner {
  readonly key: string;
  readonly user: AuthUser | null;
  readonly endpoint: string;
  readonly kind: PhoneSocketKind;
}

type Admission = ({ readonly ok: true } & PhoneOwner) | { readonly ok: false; readonly code: HttpErrorCode; readonly user: AuthUser | null };

const CITIZEN_KEY = 'citizen';

export class PhoneSockets {
  private readonly server = new WebSocketServer({
    noServer: true,
    maxPayload: PHONE_FRAME_MAX_BYTES,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  private readonly byUser = new Map<string, Set<WebSocket>>();
  /** Openings still waiting for Asterisk, per user (or the citizen): they count against the limit too. */
  private readonly pending = new Map<string, number>();
  private readonly log: Logger;

  constructor(private readonly deps: PhoneSocketDeps) {
    this.log = deps.logger.child({ component: 'phone-socket' });
  }

  /** Phone sockets open now. */
  get openCount(): number {
    let count = 0;
    for (const sockets of this.byUser.values()) count += sockets.size;
    return count;
  }

  attach(server: HttpServer): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(request, socket, head).catch((error: unknown) => {
        this.log.error({ err: error }, 'phone socket upgrade failed');
        socket.destroy();
      });
    });
  }

  /** Closes every phone socket (the server is stopping); their relays close Asterisk's side. */
  closeAll(): void {
    for (const sockets of this.byUser.values()) for (const socket of sockets) socket.close(1001);
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (path.startsWith(SOCKET_IO_PATH)) return;
    socket.on('error', () => socket.destroy());
    // The sign-in is looked up first; the checks and the count after it run in one go, so two
    // openings at once cannot both pass the limit.
    const signedIn = path === PHONE_SOCKET_PATH ? await this.userOf(request) : null;
    const admission = path === CITIZEN_SOCKET_PATH ? this.admitCitizen(request) : this.admit(path, request, signedIn);
    if (!admission.ok) return this.refuse(socket, admission.code, admission.user);
    const { key, user } = admission;
    let pbx: WebSocket;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    try {
      pbx = await this.firstPbxAnswering();
    } catch (error) {
      this.log.error({ err: error, urls: this.pbxSocketUrls() }, "phone socket refused: Asterisk's SIP WebSocket did not answer");
      return this.refuse(socket, 'PHONE_PBX_UNREACHABLE', user);
    } finally {
      const left = (this.pending.get(key) ?? 1) - 1;
      if (left > 0) this.pending.set(key, left);
      else this.pending.delete(key);
    }
    if (socket.destroyed) return void pbx.close(1000);
    this.server.handleUpgrade(request, socket, head, (phone) => this.relay(phone, pbx, admission));
  }

  private pbxSocketUrls(): readonly string[] {
    return [this.deps.lines.pbxSocketUrl, ...(this.deps.lines.fallbackSocketUrls ?? [])];
  }

  /**
   * Asterisk's SIP WebSocket, or the next box's when it does not answer (a cluster's web node): the
   * phone then registers on that box, and calls on the others reach it over the trunks.
   */
  private async firstPbxAnswering(): Promise<WebSocket> {
    const urls = this.pbxSocketUrls();
    for (const [i, url] of urls.entries()) {
      try {
        return await connectToPbx(url, this.deps.pbxTimeoutMs ?? 3000);
      } catch (error) {
        if (i === urls.length - 1) throw error;
        this.log.warn({ err: error, url }, "a box's SIP WebSocket did not answer; the next one is tried");
      }
    }
    throw new Error('no SIP WebSocket to relay to');
  }

  /** The citizen phone page's socket: demo mode only, no sign-in, requests as citizen-web only. */
  private admitCitizen(request: IncomingMessage): Admission {
    const citizen = this.deps.lines.citizen;
    if (citizen === null) return { ok: false, code: 'CITIZEN_PHONE_OFF', user: null };
    if (!sameOrigin(request)) return { ok: false, code: 'PHONE_SOCKET_ORIGIN', user: null };
    if (!offersSip(request)) return { ok: false, code: 'PHONE_SOCKET_PROTOCOL', user: null };
    if (this.tooMany(CITIZEN_KEY)) return { ok: false, code: 'PHONE_SOCKETS_TOO_MANY', user: null };
    return { ok: true, key: CITIZEN_KEY, user: null, endpoint: citizen.endpoint, kind: 'citizen' };
  }

  private tooMany(key: string): boolean {
    return (this.byUser.get(key)?.size ?? 0) + (this.pending.get(key) ?? 0) >= MAX_PHONE_SOCKETS_PER_USER;
  }

  private admit(path: string, request: IncomingMessage, user: AuthUser | null): Admission {
    if (path !== PHONE_SOCKET_PATH) return { ok: false, code: 'ROUTE_NOT_FOUND', user: null };
    if (!user) return { ok: false, code: 'AUTH_REQUIRED', user: null };
    const phone = phoneOfUser(user, this.deps.lines);
    if (!phone.ok) return { ok: false, code: phone.code, user };
    if (!sameOrigin(request)) return { ok: false, code: 'PHONE_SOCKET_ORIGIN', user };
    if (!offersSip(request)) return { ok: false, code: 'PHONE_SOCKET_PROTOCOL', user };
    if (this.tooMany(user.id)) return { ok: false, code: 'PHONE_SOCKETS_TOO_MANY', user };
    return { ok: true, key: user.id, user, endpoint: webPhoneEndpoint(phone.owner), kind: 'agent' };
  }

  private async userOf(request: IncomingMessage): Promise<AuthUser | null> {
    try {
      const token = tokenInHeaders(request.method, request.headers);
      return token === null ? null : await this.deps.auth.userForToken(token);
    } catch {
      // A cookie that is not valid percent-encoding signs nobody in.
      return null;
    }
  }

  private refuse(socket: Duplex, code: HttpErrorCode, user: AuthUser | null): void {
    const { status, message } = HTTP_ERRORS[code];
    const body = JSON.stringify({ error: { code, message } });
    const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}`, 'Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, 'Cache-Control: no-store', 'Connection: close'];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
    if (code === 'ROUTE_NOT_FOUND' || code === 'CITIZEN_PHONE_OFF') return;
    this.log.warn({ code, userId: user?.id ?? null }, 'phone socket refused');
    if (user) this.audit(user, 'denied', { code });
  }

  private relay(phone: WebSocket, pbx: WebSocket, owner: PhoneOwner): void {
    const { key, user, endpoint, kind } = owner;
    const userId = user?.id ?? null;
    const sockets = this.byUser.get(key) ?? new Set<WebSocket>();
    this.byUser.set(key, sockets.add(phone));
    this.log.info({ userId, endpoint, openPhoneSockets: this.openCount }, 'phone socket opened');
    if (user) this.audit(user, 'ok', { endpoint });
    const observer = {
      // The logger masks `from` (a header may name a caller's number).
      refused: (reason: string, method: string | null, from: string | null) => this.log.warn({ userId, endpoint, reason, method, from }, 'phone frame refused'),
      closed: (by: 'phone' | 'pbx', code: number) => {
        sockets.delete(phone);
        if (sockets.size === 0) this.byUser.delete(key);
        this.log.info({ userId, endpoint, closedBy: by, code, openPhoneSockets: this.openCount }, 'phone socket closed');
        if (user && user.agentId !== null) this.deps.phoneClosed?.(user.agentId);
      },
    };
    relayPhoneFrames(phone, pbx, endpoint, observer, kind);
    // Asterisk may have closed while the phone's side was being opened.
    if (pbx.readyState !== pbx.OPEN) phone.close(1011);
  }

  /** Written after the answer went out (a refusal) or the phone is relayed: a failed write is logged, and changes neither. */
  private audit(user: AuthUser, result: 'ok' | 'denied', detail: Record<string, unknown>): void {
    const entry = { at: this.deps.now(), actor: user.id, role: user.role, action: 'phone.socket', target: phoneAuditTarget(user), result, detail };
    void this.deps.audit.write(entry).catch((error: unknown) => this.log.error({ err: error, userId: user.id, result }, 'phone socket audit entry not written'));
  }
}

/** A browser's opening from another site's page is refused; clients that send no Origin are not browsers. */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function offersSip(request: IncomingMessage): boolean {
  const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((name) => name.trim());
  return request.headers.upgrade?.toLowerCase() === 'websocket' && protocols.includes('sip');
}
