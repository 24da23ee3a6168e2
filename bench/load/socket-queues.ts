// The bytes waiting on ARI's sockets during a run, sampled once a second from the kernel's table of
// TCP sockets (/proc/net/tcp, loopback IPv4: what the load runs use). An application's queue in
// Asterisk grows either because its thread is slow or because it waits to write to a reader that
// does not keep up; in the second case the bytes pile up on the socket. So small figures here
// with a deep queue in Asterisk say the thread itself falls behind.
import fs from 'node:fs';

export interface TcpRow {
  readonly localPort: number;
  readonly remotePort: number;
  /** Bytes sent and not yet taken by the other end (tx_queue). */
  readonly unsent: number;
  /** Bytes received and not yet read by this end's process (rx_queue). */
  readonly unread: number;
}

const ESTABLISHED = '01';

/** The established sockets of /proc/net/tcp (`sl local rem st tx_queue:rx_queue …`, ports and queues in hex). */
export function parseProcNetTcp(text: string): TcpRow[] {
  const rows: TcpRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [, local, remote, state, queues] = line.trim().split(/\s+/);
    if (!local || !remote || state !== ESTABLISHED || !queues) continue;
    const [tx, rx] = queues.split(':');
    const port = (address: string): number => parseInt(address.split(':')[1] ?? '', 16);
    rows.push({ localPort: port(local), remotePort: port(remote), unsent: parseInt(tx ?? '0', 16), unread: parseInt(rx ?? '0', 16) });
  }
  return rows.filter((row) => Number.isFinite(row.localPort) && Number.isFinite(row.remotePort));
}

export interface SocketBytes {
  /** The most bytes any client of the port had received and not read, in one sample. */
  readonly unread: number;
  /** The most bytes Asterisk had sent on one of the port's sockets that its client had not taken. */
  readonly unsent: number;
}

/** The deepest of one sample's sockets on `port`: clients' unread bytes, and the server side's unsent ones. */
export function socketBytesOn(rows: readonly TcpRow[], port: number): SocketBytes {
  let unread = 0;
  let unsent = 0;
  for (const row of rows) {
    if (row.remotePort === port) unread = Math.max(unread, row.unread);
    if (row.localPort === port) unsent = Math.max(unsent, row.unsent);
  }
  return { unread, unsent };
}

export class SocketQueueSampler {
  private timer: NodeJS.Timeout | undefined;
  private deepest: SocketBytes = { unread: 0, unsent: 0 };
  private samples = 0;

  constructor(
    private readonly port: number,
    private readonly file = '/proc/net/tcp',
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The deepest of every sample so far; null when none could be read (no /proc here). */
  result(): SocketBytes | null {
    return this.samples === 0 ? null : this.deepest;
  }

  private sample(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    const now = socketBytesOn(parseProcNetTcp(text), this.port);
    this.samples += 1;
    this.deepest = { unread: Math.max(this.deepest.unread, now.unread), unsent: Math.max(this.deepest.unsent, now.unsent) };
  }
}

/** The deepest over several samplers' results (several boxes, several runs); null when none sampled. */
export function deepestSocketBytes(results: readonly (SocketBytes | null | undefined)[]): SocketBytes | null {
  const sampled = results.filter((r): r is SocketBytes => r !== null && r !== undefined);
  if (sampled.length === 0) return null;
  return { unread: Math.max(...sampled.map((r) => r.unread)), unsent: Math.max(...sampled.map((r) => r.unsent)) };
}
