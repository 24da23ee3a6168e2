// The signed-in user of this browser tab. The token lives in sessionStorage (one sign-in per tab);
// the server also sets an HttpOnly cookie at login so <audio> can fetch recordings.
import type { LoginReply, SignedInUser } from './api-types.js';

/** What POST /api/auth/login answered. */
export type Session = Readonly<LoginReply>;
export type Role = SignedInUser['role'];

const KEY = 'hotline.session';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
