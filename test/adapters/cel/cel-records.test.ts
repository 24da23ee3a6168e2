// Asterisk's channel event records read after a restart: real lines captured from Asterisk 22.10.1
// (traces/), and the files a crash, a rotation or years of calls leave behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CelRecords } from '../../../src/adapters/cel/cel-records.js';
import { summarizeRecords } from '../../../src/domain/calls/recovered-facts.js';
import { createLogger } from '../../../src/logging/logger.js';

const TRACE = fs.readFileSync(new URL('./traces/restart-two-conversations.csv', import.meta.url), 'utf8');
const CALLER_LEFT = { callId: 'sim-89acd139-5b54-44d0-8ce3-9bc2a6cf7a37', channelId: 'sim-89acd139-5b54-44d0-8ce3-9bc2a6cf7a37-2' };
const AGENT_LEFT = { callId: 'sim-1458ca6d-3b77-4821-b360-1ee067721f31', channelId: 'sim-1458ca6d-3b77-4821-b360-1ee067721f31-2' };
/** Before the first call of the trace started; and when the restarted server began to settle them. */
const SINCE = 1796231536_000;
const RECOVERY_AT = 1796231556_600;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function file(text: string, rotated?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cel-'));
  dirs.push(dir);
  const name = path.join(dir, 'hotline-cel.csv');
  fs.writeFileSync(name, text);
  if (rotated !== undefined) fs.writeFileSync(`${name}.1`, rotated);
  return name;
}

function records(name: string, options: { maxBytes?: number } = {}): { records: CelRecords; logs: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logs = (): Record<string, unknown>[] => chunks.join('').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { records: new CelRecords({ file: name, logger: createLogger('info', stream), ...options }), logs };
}

describe("Asterisk's call records (cel_custom)", () => {
  it('tells, from a real capture, who ended each conversation while the server was down, and when', async () => {
    const { records: cel, logs } = records(file(TRACE));
    const steps = await cel.stepsOf([CALLER_LEFT, AGENT_LEFT], SINCE);
    const callerLeft = steps.get(CALLER_LEFT.callId) ?? [];
    expect(callerLeft.slice(0, 4)).toEqual([
      { at: 1796231544211, kind: 'joined', who: 'caller', leg: CALLER_LEFT.channelId },
      { at: 1796231544211, kind: 'joined', who: 'agent', leg: `agentleg-1-${CALLER_LEFT.callId}` },
      { at: 1796231555457, kind: 'left', who: 'caller', leg: CALLER_LEFT.channelId },
      { at: 1796231555473, kind: 'hung-up', cause: 16 },
    ]);
    expect(summarizeRecords(callerLeft, RECOVERY_AT)).toEqual({
      callerHungUpAt: 1796231555473,
      hangupCause: 16,
      conversationStartedAt: 1796231544211,
      conversationEndedAt: 1796231555457,
      conversationEndedBy: 'caller',
    });
    // The second caller was still on the line; what the restarted server did to it comes after RECOVERY_AT.
    expect(summarizeRecords(steps.get(AGENT_LEFT.callId) ?? [], RECOVERY_AT)).toMatchObject({
      callerHungUpAt: null,
      conversationEndedAt: 1796231555459,
      conversationEndedBy: 'agent',
    });
    expect(logs()).toEqual([]);
  });

  it('reads as none a file that is not there, and says so once', async () => {
    const { records: cel, logs } = records(path.join(os.tmpdir(), 'no-such-dir', 'hotline-cel.csv'));
    expect((await cel.stepsOf([CALLER_LEFT], SINCE)).size).toBe(0);
    expect(logs()).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringContaining('missing') })]);
  });

  it('skips an unfinished last line (a crash mid-write) and garbage lines, each with a log line', async () => {
    const lines = TRACE.trimEnd().split('\n');
    const broken = [...lines.slice(0, 10), 'not, a channel event', '"HANGUP","yesterday","x","x","x","",""', ...lines.slice(10)].join('\n');
    const { records: cel, logs } = records(file(`${broken}\n"HANGUP","1796231599.000000","sim-89acd`));
    const steps = await cel.stepsOf([CALLER_LEFT], SINCE);
    expect(steps.get(CALLER_LEFT.callId)).toHaveLength(5);
    const messages = logs().map((line) => line.msg as string);
    expect(messages.filter((msg) => msg.includes('not a channel event'))).toHaveLength(2);
    expect(messages.filter((msg) => msg.includes('unfinished'))).toHaveLength(1);
  });

  it('reads a large file only back to the calls it is asked about', async () => {
    // Garbage far older than the calls: reading stops at the first event older than `since` (less
    // the slack), so it is never reached and never logged.
    const old = Array.from({ length: 20_000 }, (_, i) => `"CHAN_START","1796200000.${String(i).padStart(6, '0')}","old-${i}","old-${i}","Local/1@x-${i};1","",""`);
    const { records: cel, logs } = records(file(['garbage that is very old', ...old, TRACE].join('\n')));
    const steps = await cel.stepsOf([CALLER_LEFT], SINCE);
    expect(steps.get(CALLER_LEFT.callId)).toHaveLength(5);
    expect(logs()).toEqual([]);
  });

  it('reads no more than its byte budget, and says the rest was left unread', async () => {
    const lines = TRACE.trimEnd().split('\n');
    const tail = lines.slice(-30).join('\n').length + 1;
    const { records: cel, logs } = records(file(TRACE), { maxBytes: tail });
    const steps = await cel.stepsOf([CALLER_LEFT], SINCE);
    // The joins are older than the budget: the leave and the hang-up are still found.
    expect(steps.get(CALLER_LEFT.callId)?.map((step) => step.kind)).toEqual(['left', 'hung-up', 'left']);
    expect(logs()).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringContaining('newest part') })]);
  });

  it('goes on into the rotated file when the current one starts after the calls did', async () => {
    const lines = TRACE.trimEnd().split('\n');
    const { records: cel } = records(file(`${lines.slice(20).join('\n')}\n`, `${lines.slice(0, 20).join('\n')}\n`));
    const steps = await cel.stepsOf([CALLER_LEFT, AGENT_LEFT], SINCE);
    expect(steps.get(CALLER_LEFT.callId)).toHaveLength(5);
    expect(steps.get(AGENT_LEFT.callId)?.[0]).toMatchObject({ kind: 'joined', who: 'caller' });
  });

  it('ignores the channels of other calls, the demo phone half and the recorders', async () => {
    const { records: cel } = records(file(TRACE));
    const steps = await cel.stepsOf([AGENT_LEFT], SINCE);
    expect([...steps.keys()]).toEqual([AGENT_LEFT.callId]);
    const legs = new Set((steps.get(AGENT_LEFT.callId) ?? []).flatMap((step) => (step.kind === 'hung-up' ? [] : [step.leg])));
    expect(legs).toEqual(new Set([AGENT_LEFT.channelId, `agentleg-1-${AGENT_LEFT.callId}`]));
  });
});
