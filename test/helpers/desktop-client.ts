// An agent desktop's Socket.IO link as agent-ui/src/socket-link.ts opens it (WebSocket only, so any
// node behind a balancer takes it), without its own reconnection: a test chooses where it goes back.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ScreenPop, ServerToClient } from '../../src/contract/socket-events.js';

export type DesktopSocket = Socket<ServerToClient, ClientToServer>;

export interface Desktop {
  readonly socket: DesktopSocket;
  /** Every pop received on this link, in order. */
  readonly pops: ScreenPop[];
  /** Resolves with the reason once the server side of the link is gone. */
  readonly disconnected: Promise<string>;
}

/** Connects as the holder of a token (POST /api/auth/login) and resolves once the server accepted it. */
export async function connectDesktop(url: string, token: string): Promise<Desktop> {
  const socket: DesktopSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  const pops: ScreenPop[] = [];
  socket.on('pop', (pop) => pops.push(pop));
  const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return { socket, pops, disconnected };
}
