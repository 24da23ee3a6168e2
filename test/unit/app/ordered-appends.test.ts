// Appends made one after another in their order, each tried again while the stream fails; one its
// asker no longer wants is skipped; past the limit the newest are refused; stopping while the stream
// fails drops what waits instead of trying each. (A real Redis that stops answering is in
// test/adapters/redis/remote-acd.test.ts; here the failures are scripted to reach every branch.)
import { describe, expect, it } from 'vitest';
import { OrderedAppends } from '../../../src/app/cluster/ordered-appends.js';
import type { MessageStreams } from '../../../src/app/ports/message-streams.js';
import { createLogger } from '../../../src/logging/logger.js';

/** A stream whose next `failures` appends fail. */
function failingStream(failures: number): { streams: MessageStreams; appended: string[]; tries: () => number } {
  const appended: string[] = [];
  let tries = 0;
  const append = (_stream: string, body: string): Promise<string> => {
    tries += 1;
    if (tries <= failures) return Promise.reject(new Error('REDIS_TIMEOUT'));
    appended.push(body);
    return Promise.resolve(`${appended.length}-0`);
  };
  return { streams: { append } as unknown as MessageStreams, appended, tries: () => tries };
}

const appends = (streams: MessageStreams, limit = 10) =>
  new OrderedAppends({ streams, stream: 's', maxLength: 100, sleep: () => Promise.resolve(), logger: createLogger('silent'), retryCapMs: 10, limit });

describe('ordered appends', () => {
  it('keeps the order through failures, trying each again', async () => {
    const { streams, appended, tries } = failingStream(3);
    const out = appends(streams);
    for (const body of ['a', 'b', 'c']) out.push(body);
    await out.settled();
    expect(appended).toEqual(['a', 'b', 'c']);
    expect(tries()).toBe(6);
  });

  it('skips an append nobody wants any more, and refuses past the limit', async () => {
    const { streams, appended } = failingStream(1);
    const out = appends(streams, 2);
    let wanted = true;
    expect(out.push('a', () => wanted)).toBe(true);
    expect(out.push('b')).toBe(true);
    expect(out.push('c')).toBe(false);
    wanted = false;
    await out.settled();
    expect(appended).toEqual(['b']);
  });

  it('drops what waits when stopping while the stream fails', async () => {
    const { streams, appended, tries } = failingStream(100);
    const out = appends(streams);
    out.push('a');
    out.push('b');
    await out.stop();
    expect(appended).toEqual([]);
    expect(tries()).toBeLessThanOrEqual(2);
    expect(out.push('c')).toBe(false);
  });
});
