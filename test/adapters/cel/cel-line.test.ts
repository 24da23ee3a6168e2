// One line of Asterisk's channel event file, and reading a file's lines from its end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { celExtra, parseCelLine, splitCsv } from '../../../src/adapters/cel/cel-line.js';
import { linesFromEnd } from '../../../src/adapters/cel/lines-from-end.js';

const TRACE_LINES = fs.readFileSync(new URL('./traces/restart-two-conversations.csv', import.meta.url), 'utf8').trimEnd().split('\n');

describe('a line of the channel events file', () => {
  it('reads every line Asterisk wrote', () => {
    const events = TRACE_LINES.map(parseCelLine);
    expect(events.every((event) => event !== undefined)).toBe(true);
    expect(new Set(events.map((event) => event?.type))).toEqual(new Set(['CHAN_START', 'ANSWER', 'BRIDGE_ENTER', 'BRIDGE_EXIT', 'HANGUP', 'CHAN_END', 'LINKEDID_END']));
  });

  it('gives the time in whole milliseconds (bigint columns refuse a fraction), the peer, and the extra JSON with its doubled quotes undone', () => {
    const exit = parseCelLine(TRACE_LINES.find((line) => line.startsWith('"BRIDGE_EXIT"')) as string);
    // Asterisk wrote 1796231555.456894 s.
    expect(exit).toMatchObject({ type: 'BRIDGE_EXIT', at: 1796231555457, channel: 'Local/12345@from-citizen-00000000;2', peer: 'Local/8001@demo-phones-00000001;1' });
    expect(exit && celExtra(exit)).toEqual({ bridgeId: 'conv-sim-89acd139-5b54-44d0-8ce3-9bc2a6cf7a37' });
    const hangup = parseCelLine(TRACE_LINES.find((line) => line.startsWith('"HANGUP"')) as string);
    expect(hangup && celExtra(hangup)).toEqual({ hangupCause: 16 });
  });

  it('accepts fields left unquoted (another quoting method) and a CRLF ending', () => {
    expect(parseCelLine('HANGUP,1796231555.473253,u-1,l-1,PJSIP/trunk-00000001,,"{""hangupcause"":17}"\r')).toMatchObject({ type: 'HANGUP', uniqueId: 'u-1', extra: '{"hangupcause":17}' });
  });

  it('refuses what is not a channel event: a cut line, stray quotes, a wrong column count, a bad time', () => {
    expect(parseCelLine('"HANGUP","1796231555.473253","u-1","l-1","chan","","{""hangupca')).toBeUndefined();
    expect(parseCelLine('"HANGUP"x,"1796231555.473253","u-1","l-1","chan","",""')).toBeUndefined();
    expect(parseCelLine('"HANGUP","1796231555.473253","u-1","l-1","chan",""')).toBeUndefined();
    expect(parseCelLine('"HANGUP","2026-12-02 17:12:35","u-1","l-1","chan","",""')).toBeUndefined();
    expect(parseCelLine('')).toBeUndefined();
    expect(splitCsv('a,"b ""c""",')).toEqual(['a', 'b "c"', '']);
  });

  it('reads extra JSON that is missing or malformed as nothing', () => {
    const event = parseCelLine('"HANGUP","1796231555.473253","u-1","l-1","chan","","{not json"') as NonNullable<ReturnType<typeof parseCelLine>>;
    expect(celExtra(event)).toEqual({});
    expect(celExtra({ ...event, extra: '{"hangupcause":"16","bridge_id":7}' })).toEqual({});
  });
});

describe('lines from the end of a file', () => {
  const write = (text: string | Buffer): string => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tail-')), 'f.txt');
    fs.writeFileSync(file, text);
    return file;
  };
  const read = async (file: string, options: Parameters<typeof linesFromEnd>[1]): Promise<string[]> => {
    const lines: string[] = [];
    for await (const line of linesFromEnd(file, options)) lines.push(line);
    return lines;
  };

  it('gives the lines newest first across chunk edges, never cutting a character in two', async () => {
    const file = write('第一行\n二\n\nthird line\n');
    expect(await read(file, { maxBytes: 1000, chunkBytes: 4 })).toEqual(['third line', '二', '第一行']);
  });

  it('reports and skips an unfinished last line', async () => {
    const unfinished: number[] = [];
    expect(await read(write('one\ntwo\nthr'), { maxBytes: 1000, chunkBytes: 3, onUnfinishedLast: (bytes) => unfinished.push(bytes) })).toEqual(['two', 'one']);
    expect(unfinished).toEqual([3]);
    expect(await read(write('no newline at all'), { maxBytes: 1000, onUnfinishedLast: (bytes) => unfinished.push(bytes) })).toEqual([]);
    expect(unfinished).toEqual([3, 17]);
  });

  it('stops at its byte budget and drops the line cut there', async () => {
    let limited = false;
    expect(await read(write('aaaa\nbbbb\ncccc\n'), { maxBytes: 8, chunkBytes: 3, onLimit: () => (limited = true) })).toEqual(['cccc']);
    expect(limited).toBe(true);
  });

  it('reads an empty file as no lines', async () => {
    expect(await read(write(''), { maxBytes: 1000 })).toEqual([]);
  });
});
