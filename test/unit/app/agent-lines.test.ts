// The agents' lines as app runs them: the engine's commands carried out through the line port and
// the ACD's pause, the line channel's answer and end told apart per agent, a refused dial counted
// as a line that could not be made, and a line nobody waits for hung up.
import { describe, expect, it } from 'vitest';
import type { AgentLinePort } from '../../../src/app/ports/agent-line.js';
import { AgentLines } from '../../../src/app/phone/agent-lines.js';
import { lineTimer } from '../../../src/domain/phone/agent-line.js';
import { createLogger } from '../../../src/logging/logger.js';
import { FakeTimers } from '../../helpers/fake-timers.js';

class RecordingPort implements AgentLinePort {
  readonly dialed: string[] = [];
  readonly hungUp: string[] = [];
  refuseDial = false;

  dialLine(lineId: string): Promise<void> {
    this.dialed.push(lineId);
    return this.refuseDial ? Promise.reject(new Error('ARI refused')) : Promise.resolve();
  }

  hangUpLine(lineId: string): Promise<void> {
    this.hungUp.push(lineId);
    return Promise.resolve();
  }
}

function setUp(): { lines: AgentLines; port: RecordingPort; timers: FakeTimers; paused: string[] } {
  const port = new RecordingPort();
  const timers = new FakeTimers();
  const paused: string[] = [];
  const lines = new AgentLines({ port, timers, logger: createLogger('silent'), pause: (agentId, reason) => (paused.push(`${agentId}:${reason}`), Promise.resolve(null)) });
  return { lines, port, timers, paused };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the agents’ lines', () => {
  it('dial a line per ready agent, name it while up, and keep agents apart', () => {
    const { lines, port } = setUp();
    lines.signedIn('8001', true);
    lines.phoneChanged('8001', true);
    lines.phoneChanged('8003', true);
    expect(port.dialed).toEqual(['line-8001-1']);
    lines.lineAnswered('line-8001-1');
    expect(lines.lineOf('8001')).toBe('line-8001-1');
    expect(lines.lineOf('8003')).toBeNull();
    expect(lines.liveLines()).toEqual(['line-8001-1']);
    // Told twice, acted on once.
    lines.signedIn('8001', true);
    expect(port.dialed).toEqual(['line-8001-1']);
  });

  it('a dial Asterisk refuses is a line that could not be made: retried on its timer', async () => {
    const { lines, port, timers } = setUp();
    port.refuseDial = true;
    lines.signedIn('8001', true);
    lines.phoneChanged('8001', true);
    await settle();
    expect(timers.msOf(lineTimer('8001'))).toBe(1000);
    port.refuseDial = false;
    timers.fire(lineTimer('8001'));
    expect(port.dialed).toEqual(['line-8001-1', 'line-8001-2']);
  });

  it('a lost line pauses its agent phone_lost; the page going away hangs up what Asterisk still holds', () => {
    const { lines, port, paused } = setUp();
    lines.signedIn('8001', true);
    lines.phoneChanged('8001', true);
    lines.lineAnswered('line-8001-1');
    lines.phoneLeft('8001');
    expect(port.hungUp).toEqual(['line-8001-1']);
    expect(paused).toEqual(['8001:phone_lost']);
    expect(lines.lineOf('8001')).toBeNull();
    // Its channel's end comes after: nothing more.
    lines.lineGone('line-8001-1');
    expect(paused).toHaveLength(1);
    lines.resumed('8001');
    expect(port.dialed).toEqual(['line-8001-1', 'line-8001-2']);
  });

  it('hangs up a line answered that nobody waits for (a previous run’s, or one given up), and ignores the page of an agent it never heard of', () => {
    const { lines, port, paused } = setUp();
    lines.lineAnswered('line-8009-4');
    expect(port.hungUp).toEqual(['line-8009-4']);
    lines.phoneLeft('8009');
    lines.lineGone('line-8009-4');
    expect(paused).toEqual([]);
  });
});
