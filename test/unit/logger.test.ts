import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('logger', () => {
  it('masks phone numbers under known keys and in messages, and hides secrets', () => {
    const { stream, lines } = capture();
    const logger = createLogger('info', stream).child({ callId: 'c-1' });
    logger.info({ callerNumber: '13800001111', ari: { password: 'hunter2' } }, 'call from 13900002222');
    const [line] = lines();
    expect(line).toMatchObject({ callId: 'c-1', callerNumber: '138****1111', msg: 'call from 139****2222', level: 'info' });
    expect(JSON.stringify(line)).not.toContain('hunter2');
    expect(JSON.stringify(line)).not.toContain('13800001111');
  });
});
