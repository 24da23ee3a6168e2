// The calls the dialplan answered without the server, followed in Asterisk's channel event file as
// it grows, is rotated, or holds lines that are not events. Lines in the form Asterisk 22.10.1
// writes them (the user event's form checked against it; see test/pbx/overload-protection.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CelDialplanCalls } from '../../../src/adapters/cel/dialplan-call-source.js';
import { createLogger } from '../../../src/logging/logger.js';

const q = (value: string): string => `"${value.replaceAll('"', '""')}"`;
const line = (type: string, seconds: number, uniqueId: string, linkedId: string, channel: string, extra = ''): string =>
  [type, seconds.toFixed(6), uniqueId, linkedId, channel, '', extra].map(q).join(',') + '\n';

const T = 1796262800;
const CALLER = 'PJSIP/citizen-00000001';
/** A caller shed to the fallback queue, answered by agent 8003 who ended the talk, then the caller's hangup. */
function answeredCall(id: string, at: number): string[] {
  return [
    line('CHAN_START', at, id, id, CALLER),
    line('ANSWER', at + 0.01, id, id, CALLER),
    line('HOTLINE_DIALPLAN_CALL', at + 0.02, id, id, CALLER, '{"extra":"shed|12345|13800001111"}'),
    line('CHAN_START', at + 5, `${id}-a`, id, 'PJSIP/agent-8003-0000000a'),
    line('BRIDGE_ENTER', at + 7, id, id, CALLER, '{"bridge_id":"b1","bridge_technology":"simple_bridge"}'),
    line('BRIDGE_ENTER', at + 7.001, `${id}-a`, id, 'PJSIP/agent-8003-0000000a', '{"bridge_id":"b1","bridge_technology":"simple_bridge"}'),
    line('BRIDGE_EXIT', at + 37, `${id}-a`, id, 'PJSIP/agent-8003-0000000a', '{"bridge_id":"b1"}'),
    line('BRIDGE_EXIT', at + 37.001, id, id, CALLER, '{"bridge_id":"b1"}'),
    line('HANGUP', at + 37.002, id, id, CALLER, '{"hangupcause":16,"hangupsource":"","dialstatus":""}'),
    line('LINKEDID_END', at + 37.003, id, id, CALLER),
  ];
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cel-tail-'));
  dirs.push(dir);
  return path.join(dir, 'hotline-cel.csv');
}

/** The reading's clock: a minute after the lines' calls, so no call is given up on by the wall clock's age of the fixed times. */
const SOON_AFTER = (): number => (T + 60) * 1000;
const source = (file: string, options: { notBefore?: number; startBytes?: number; bytesPerRead?: number; now?: () => number } = {}): CelDialplanCalls =>
  new CelDialplanCalls({ file, logger: createLogger('silent'), now: SOON_AFTER, ...options });

describe('calls the dialplan answered, read from the growing channel event file', () => {
  it('returns a call once its end is written, with its agent, talk and cause; calls of the server are not taken', async () => {
    const file = tempFile();
    const call = answeredCall('1796262800.1', T);
    const server = [line('CHAN_START', T, 's1', 's1', 'PJSIP/citizen-00000002'), line('LINKEDID_END', T + 3, 's1', 's1', 'PJSIP/citizen-00000002')];
    fs.writeFileSync(file, [...server, ...call.slice(0, 6)].join(''));
    const calls = source(file);
    expect(await calls.poll()).toEqual([]);
    expect(calls.open).toBe(1);
    // The next line arrives in two pieces: a line is taken only once it is whole.
    const rest = call.slice(6).join('');
    fs.appendFileSync(file, rest.slice(0, 20));
    expect(await calls.poll()).toEqual([]);
    fs.appendFileSync(file, rest.slice(20));
    const [finished] = await calls.poll();
    expect(finished?.mark).toMatchObject({ callId: '1796262800.1', callerChannel: '1796262800.1', reason: 'shed', entry: '12345', callerNumber: '13800001111' });
    expect(finished?.steps.map((step) => step.kind)).toEqual(['agent-joined', 'left-conversation', 'left-conversation', 'caller-hung-up']);
    expect(finished?.steps[0]).toMatchObject({ agentId: '8003' });
    expect(finished?.endedAt).toBeCloseTo((T + 37.003) * 1000, 0);
    expect(calls.open).toBe(0);
  });

  it('follows the file through a rotation in the middle of a call, and skips lines that are not events', async () => {
    const file = tempFile();
    const call = answeredCall('1796262800.7', T);
    fs.writeFileSync(file, call.slice(0, 3).join(''));
    const calls = source(file);
    await calls.poll();
    // Lines written to the old file after the last read, then the rename, then the new file.
    fs.appendFileSync(file, call.slice(3, 5).join('') + 'garbage without quotes\n');
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, call.slice(5).join(''));
    const finished = await calls.poll();
    expect(finished).toHaveLength(1);
    expect(finished[0]?.steps[0]).toMatchObject({ kind: 'agent-joined', agentId: '8003' });
  });

  it('catches up a few bytes at a time, through a rotation, without losing a line', async () => {
    const file = tempFile();
    const first = answeredCall('1796262800.8', T);
    const second = answeredCall('1796262800.9', T + 60);
    fs.writeFileSync(file, first.slice(0, 2).join(''));
    const calls = source(file, { bytesPerRead: 64 });
    await calls.poll();
    fs.appendFileSync(file, first.slice(2).join('') + second.slice(0, 4).join(''));
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, second.slice(4).join(''));
    expect((await calls.poll()).map((call) => call.mark.callId)).toEqual(['1796262800.8', '1796262800.9']);
  });

  it('at start reads the end of the rotated file too, when the new one is young', async () => {
    const file = tempFile();
    const call = answeredCall('1796262800.5', T);
    fs.writeFileSync(`${file}.1`, 'the cut end of an older line\n' + call.slice(0, 5).join(''));
    fs.writeFileSync(file, call.slice(5).join(''));
    const finished = await source(file, { bytesPerRead: 100 }).poll();
    expect(finished.map((c) => c.mark.callId)).toEqual(['1796262800.5']);
  });

  it("takes the dialplan's demo handset of an agent as that agent; other channels in the bridge are nobody's", async () => {
    const file = tempFile();
    const id = '1796262800.3';
    fs.writeFileSync(
      file,
      [
        line('HOTLINE_DIALPLAN_CALL', T, id, id, CALLER, '{"extra":"server-away|12345|13800001111"}'),
        line('BRIDGE_ENTER', T + 1, 'x1', id, 'Local/8004@demo-phones-0000001f;2'),
        line('BRIDGE_ENTER', T + 2, 'x2', id, 'Local/8004@demo-phones-0000001f;1'),
        line('LINKEDID_END', T + 9, id, id, CALLER),
      ].join(''),
    );
    const [call] = await source(file).poll();
    expect(call?.steps).toEqual([{ kind: 'agent-joined', at: expect.closeTo((T + 2) * 1000, 0) as number, agentId: '8004' }]);
  });

  it("a caller who hung up in the compiled menus: the handler's mark, then the path's parts of the caller's channel, in order (as Asterisk 22.10.1 wrote them)", async () => {
    const file = tempFile();
    const id = '1796262800.4';
    const menus = 'Local/12345@from-citizen-00000000;2';
    const user = (type: string, at: number, channelId: string, text: string): string => line(type, at, channelId, id, menus, JSON.stringify({ extra: text }));
    fs.writeFileSync(
      file,
      [
        line('CHAN_START', T, id, id, 'Local/12345@from-citizen-00000000;1'),
        line('CHAN_START', T, `${id}-2`, id, menus),
        // The caller's side went first; the menus' channel runs its hangup handler before its own HANGUP.
        line('HANGUP', T + 9, id, id, 'Local/12345@from-citizen-00000000;1', '{"hangupcause":16,"hangupsource":"","dialstatus":""}'),
        user('HOTLINE_DIALPLAN_CALL', T + 9.001, `${id}-2`, 'menus-left|12345|13|13800001111'),
        user('HOTLINE_DIALPLAN_PATH', T + 9.002, `${id}-2`, '1796262800000'),
        user('HOTLINE_DIALPLAN_PATH', T + 9.002, 'someone-else', '/x'),
        user('HOTLINE_DIALPLAN_PATH', T + 9.003, `${id}-2`, ''),
        line('HANGUP', T + 9.004, `${id}-2`, id, menus, '{"hangupcause":16,"hangupsource":"","dialstatus":""}'),
        line('LINKEDID_END', T + 9.005, `${id}-2`, id, menus),
      ].join(''),
    );
    const [call] = await source(file).poll();
    expect(call?.mark).toMatchObject({ callId: id, callerChannel: `${id}-2`, reason: 'menus-left', entry: '12345', callerNumber: '13800001111', menusPathBytes: 13 });
    expect(call?.steps.map((step) => (step.kind === 'menus-path-part' ? step.text : step.kind))).toEqual(['1796262800000', '', 'caller-hung-up']);
  });

  it('at start reads the recent past only: a mark older than the look-back is not taken, a newer one is', async () => {
    const file = tempFile();
    fs.writeFileSync(file, [...answeredCall('old', T), ...answeredCall('new', T + 100)].join(''));
    const finished = await source(file, { notBefore: (T + 50) * 1000 }).poll();
    expect(finished.map((call) => call.mark.callId)).toEqual(['new']);
  });

  it('a call whose end never comes is closed after the give-up time at what was last recorded', async () => {
    const file = tempFile();
    fs.writeFileSync(file, answeredCall('cut', T).slice(0, 6).join(''));
    let now = (T + 60) * 1000;
    const calls = new CelDialplanCalls({ file, logger: createLogger('silent'), giveUpAfterMs: 3600_000, now: () => now });
    expect(await calls.poll()).toEqual([]);
    now = (T + 3700) * 1000;
    const [expired] = await calls.poll();
    expect(expired?.endedAt).toBeCloseTo((T + 7.001) * 1000, 0);
  });

  it('an unreadable mark leaves the call to the fallback queue alone and is warned of with its call, and a missing file is no error', async () => {
    const file = tempFile();
    expect(await source(file).poll()).toEqual([]);
    fs.writeFileSync(file, line('HOTLINE_DIALPLAN_CALL', T, 'x', 'x', CALLER, '{"extra":"nonsense|13800001111"}') + line('LINKEDID_END', T + 1, 'x', 'x', CALLER));
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', { write: (text: string) => void lines.push(JSON.parse(text) as Record<string, unknown>) });
    expect(await new CelDialplanCalls({ file, logger, now: SOON_AFTER }).poll()).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', callId: 'x' });
    // The caller's number in the mark is masked like every number in the logs.
    expect(JSON.stringify(lines[0])).not.toContain('13800001111');
  });
});
