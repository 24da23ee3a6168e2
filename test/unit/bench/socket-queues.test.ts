import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepestSocketBytes, parseProcNetTcp, socketBytesOn, SocketQueueSampler } from '../../../bench/load/socket-queues.js';

// As the kernel writes it: a listening socket, Asterisk's side of an ARI socket on 18988 (0x4A2C)
// with 0x4380 bytes unsent, its client's side with 0x3A5F unread, and a socket on another port.
const TABLE = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:4A2C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 250 1 0 100 0 0 10 0',
  '   1: 0100007F:4A2C 0100007F:81DE 01 00004380:00000000 01:00000014 00000000     0        0 251 1 0 20 4 30 10 -1',
  '   2: 0100007F:81DE 0100007F:4A2C 01 00000000:00003A5F 00:00000000 00000000     0        0 252 1 0 20 4 30 10 -1',
  '   3: 0100007F:3E3A 0100007F:C001 01 00009999:00008888 00:00000000 00000000     0        0 253 1 0 20 4 30 10 -1',
  '',
].join('\n');

describe("the bytes waiting on ARI's sockets", () => {
  it('reads the established sockets of /proc/net/tcp with their queues', () => {
    expect(parseProcNetTcp(TABLE)).toEqual([
      { localPort: 18988, remotePort: 33246, unsent: 0x4380, unread: 0 },
      { localPort: 33246, remotePort: 18988, unsent: 0, unread: 0x3a5f },
      { localPort: 15930, remotePort: 49153, unsent: 0x9999, unread: 0x8888 },
    ]);
  });

  it('takes, for one port, what its clients have not read and what its server has not sent', () => {
    expect(socketBytesOn(parseProcNetTcp(TABLE), 18988)).toEqual({ unread: 14943, unsent: 17280 });
    expect(socketBytesOn(parseProcNetTcp(TABLE), 1)).toEqual({ unread: 0, unsent: 0 });
  });

  it('keeps the deepest over samples and over samplers; nothing sampled is null', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tcp-')), 'tcp');
    const sampler = new SocketQueueSampler(18988, file);
    expect(sampler.result()).toBeNull();
    fs.writeFileSync(file, TABLE);
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    sampler.stop();
    expect(sampler.result()).toEqual({ unread: 14943, unsent: 17280 });
    expect(deepestSocketBytes([null, { unread: 5, unsent: 90 }, undefined, { unread: 7, unsent: 3 }])).toEqual({ unread: 7, unsent: 90 });
    expect(deepestSocketBytes([null])).toBeNull();
  });
});
