// The agents' side of the screen-pop benchmark, in a process of its own so the server's memory and
// event loop are measured alone: connects N Socket.IO clients, one per agent, and reports when each
// pop (and each baseline message) arrived, in wall-clock milliseconds.
import { io, type Socket } from 'socket.io-client';

const [url, tokensJson] = [process.argv[2] as string, process.argv[3] as string];
const tokens = JSON.parse(tokensJson) as string[];
const sockets: Socket[] = [];
const now = (): number => performance.timeOrigin + performance.now();

let connected = 0;
for (const token of tokens) {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  socket.on('connect', () => {
    connected += 1;
    if (connected === tokens.length) process.send?.({ type: 'ready' });
  });
  socket.on('connect_error', (error) => process.send?.({ type: 'error', message: error.message }));
  socket.on('pop', (pop: { callId: string }) => process.send?.({ type: 'pop', callId: pop.callId, at: now() }));
  socket.on('baseline' as 'pop', (body: { callId: string }) => process.send?.({ type: 'pop', callId: body.callId, at: now() }));
  sockets.push(socket);
}
process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  for (const socket of sockets) socket.close();
  process.exit(0);
});
