// The agents' desktops of the load benchmark, in a process of their own (forked by the run): one
// Socket.IO client per agent, signed in with its token, reporting each screen pop to the parent
// with the moment it arrived (wall clock, ms), so offer → pop is timed end to end. The desktops
// named in `pause` pause their agent once connected (the hold agent, see bench-files.ts), and are
// ready only when the server has confirmed it. Every other pause (one the agent never asked for: the
// ACD's ring-no-answer, a phone found lost) is reported too: overload must pause nobody.
//   argv: <server url> <file with JSON { tokens: string[], pause: string[] }>
import fs from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AgentStateView, ScreenPop } from '../../src/contract/socket-events.js';

export interface PopArrival {
  readonly callId: string;
  readonly number: string;
  readonly offeredAt: number;
  readonly receivedAt: number;
}

/** An agent paused without asking (by the system), with the reason code the server gave. */
export interface SystemPause {
  readonly agentId: string;
  readonly reason: string | null;
  readonly at: number;
}

export type DesktopMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'pops'; readonly pops: readonly PopArrival[]; readonly pauses: readonly SystemPause[] };

const [url, tokensFile] = [process.argv[2] as string, process.argv[3] as string];
const { tokens, pause } = JSON.parse(fs.readFileSync(tokensFile, 'utf8')) as { tokens: string[]; pause: string[] };
const sockets: Socket[] = [];
const now = (): number => performance.timeOrigin + performance.now();
// A parent gone (the run stopped) leaves nobody to report to: the desktops end with it.
const send = (message: DesktopMessage): void => {
  if (process.connected) process.send?.(message);
};
process.on('disconnect', () => process.exit(0));

// Pops go to the parent in batches, so the IPC channel is not a message per pop under load.
let batch: PopArrival[] = [];
let pauses: SystemPause[] = [];
const sendBatch = (): void => {
  if (batch.length === 0 && pauses.length === 0) return;
  send({ type: 'pops', pops: batch, pauses });
  batch = [];
  pauses = [];
};
const flush = setInterval(sendBatch, 200);

let waiting = tokens.length;
const done = (): void => {
  waiting -= 1;
  if (waiting === 0) send({ type: 'ready' });
};
for (const token of tokens) {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: true });
  socket.once('connect', () => {
    if (!pause.includes(token)) return done();
    socket.emit('agent:pause', { reason: 'meeting' }, (result: Ack) => (result.ok ? done() : send({ type: 'error', message: `pause refused: ${result.code}` })));
  });
  socket.on('connect_error', (error) => send({ type: 'error', message: error.message }));
  socket.on('pop', (pop: ScreenPop) => batch.push({ callId: pop.callId, number: pop.caller.number, offeredAt: Date.parse(pop.offeredAt), receivedAt: now() }));
  if (!pause.includes(token)) {
    socket.on('agent:state', (state: AgentStateView) => {
      if (state.state === 'paused') pauses.push({ agentId: state.agentId, reason: state.reason, at: now() });
    });
  }
  sockets.push(socket);
}

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return;
  clearInterval(flush);
  sendBatch();
  for (const socket of sockets) socket.close();
  setTimeout(() => process.exit(0), 100);
});
