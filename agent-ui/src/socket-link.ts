// The Socket.IO connection of the desktop and the wallboard, typed by the server's contract, with
// a visible indicator: connected, reconnecting (the client retries by itself) or offline.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '../../src/contract/socket-events.js';
import { h } from './dom.js';
import { t } from './i18n.js';

export type HotlineSocket = Socket<ServerToClient, ClientToServer>;
export type LinkState = 'connected' | 'reconnecting' | 'offline';

export interface SocketLink {
  readonly socket: HotlineSocket;
  /** The indicator element, for the page header. */
  readonly indicator: HTMLElement;
  close(): void;
}

export function connectSocket(token: string, onAuthRefused: () => void): SocketLink {
  const indicator = h('span', { class: 'conn offline', id: 'connection', role: 'status', 'aria-live': 'polite' }, t('offline'));
  const show = (state: LinkState): void => {
    indicator.className = `conn ${state}`;
    indicator.dataset.state = state;
    indicator.textContent = t(state);
  };
  show('reconnecting');
  // WebSocket only: one connection a balancer can send to any web node of a cluster (long-polling's
  // requests would all have to reach the node that opened the session).
  const socket: HotlineSocket = io({ auth: { token }, transports: ['websocket'], reconnection: true, reconnectionDelay: 500, reconnectionDelayMax: 5000, timeout: 8000 });
  socket.on('connect', () => show('connected'));
  let closing = false;
  socket.on('disconnect', (reason) => {
    if (closing) return show('offline');
    show('reconnecting');
    // The client does not retry after the server ended the socket (a restart, a revoked token):
    // try once more after a pause; a refused token then ends in connect_error below.
    if (reason === 'io server disconnect') window.setTimeout(() => socket.connect(), 2000);
  });
  socket.io.on('reconnect_attempt', () => show('reconnecting'));
  socket.io.on('reconnect_failed', () => show('offline'));
  socket.on('connect_error', (error) => {
    // A refused handshake is not retried by the client; a refused token means signing in again.
    if (!socket.active) {
      show('offline');
      if (/auth|token|unauthori[sz]ed/i.test(error.message)) onAuthRefused();
    } else show('reconnecting');
  });
  return {
    socket,
    indicator,
    close: () => {
      closing = true;
      socket.disconnect();
      show('offline');
    },
  };
}
