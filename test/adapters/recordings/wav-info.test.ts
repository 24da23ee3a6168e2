import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectFile, readWavHeader } from '../../../src/adapters/recordings/wav-info.js';

const RATE = 8000;
const BYTES_PER_SAMPLE = 2; // 16-bit mono
const BYTE_RATE = RATE * BYTES_PER_SAMPLE; // 16000

function chunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'ascii');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body, body.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function fmtBody(): Buffer {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0); // PCM
  fmt.writeUInt16LE(1, 2); // mono
  fmt.writeUInt32LE(RATE, 4);
  fmt.writeUInt32LE(BYTE_RATE, 8);
  fmt.writeUInt16LE(BYTES_PER_SAMPLE, 12); // block align
  fmt.writeUInt16LE(16, 14); // bits per sample
  return fmt;
}

/** Deterministic, non-silent samples. */
function samples(count: number): Buffer {
  const data = Buffer.alloc(count * BYTES_PER_SAMPLE);
  for (let i = 0; i < count; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / RATE)), i * BYTES_PER_SAMPLE);
  return data;
}

interface WavOptions {
  readonly extra?: readonly Buffer[];
  /** What the header says the data chunk holds (default: the real length). */
  readonly declaredDataBytes?: number;
}

function wav(data: Buffer, options: WavOptions = {}): Buffer {
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0, 'ascii');
  dataHead.writeUInt32LE(options.declaredDataBytes ?? data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE', 'ascii'), chunk('fmt ', fmtBody()), ...(options.extra ?? []), dataHead, data]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(options.declaredDataBytes === 0 ? 0 : body.length, 4);
  return Buffer.concat([riff, body]);
}

const sha256 = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wav-info-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('readWavHeader', () => {
  it('reads a plain 44-byte header as Asterisk writes it', () => {
    const bytes = wav(samples(8000));
    expect(bytes.length).toBe(44 + 16000);
    expect(readWavHeader(bytes)).toEqual({ byteRate: 16000, dataBytes: 16000, dataOffset: 44 });
  });

  it('walks past a LIST chunk (odd length, padded) before data', () => {
    const list = chunk('LIST', Buffer.from('INFOISFT\x05\x00\x00\x00Lavf\x00', 'latin1')); // 17 bytes + 1 pad
    expect(list.length).toBe(8 + 18);
    const bytes = wav(samples(4000), { extra: [list] });
    expect(readWavHeader(bytes)).toEqual({ byteRate: 16000, dataBytes: 8000, dataOffset: 44 + 26 });
  });

  it('needs only the head of the file', () => {
    expect(readWavHeader(wav(samples(8000)).subarray(0, 44))).toEqual({ byteRate: 16000, dataBytes: 16000, dataOffset: 44 });
  });

  it('returns null for what is not a readable WAV header', () => {
    expect(readWavHeader(Buffer.alloc(0))).toBeNull();
    expect(readWavHeader(Buffer.from('ID3\x04\x00 not a wave file at all', 'latin1'))).toBeNull();
    const good = wav(samples(10));
    const notWave = Buffer.from(good);
    notWave.write('AVI ', 8, 'ascii');
    expect(readWavHeader(notWave)).toBeNull();
    // RIFF/WAVE but no data chunk within the bytes given.
    expect(readWavHeader(good.subarray(0, 36))).toBeNull();
    // A data chunk before any fmt chunk: no byte rate to time it by.
    const dataOnly = Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'latin1'), chunk('data', samples(10))]);
    expect(readWavHeader(dataOnly)).toBeNull();
  });
});

describe('inspectFile', () => {
  it('a finished 8 kHz 16-bit mono file: 16000 data bytes = 1000 ms', async () => {
    const bytes = wav(samples(8000));
    const file = write('one-second.wav', bytes);
    const facts = await inspectFile(file);
    expect(facts).toEqual({
      sizeBytes: 16044,
      sha256: sha256(fs.readFileSync(file)),
      durationMs: 1000,
      complete: true,
      modifiedAt: fs.statSync(file).mtimeMs,
    });
  });

  it('a file with a LIST chunk before data: 2.5 s', async () => {
    const list = chunk('LIST', Buffer.from('INFOICMT\x08\x00\x00\x0012345678', 'latin1'));
    const bytes = wav(samples(20000), { extra: [list] });
    const file = write('with-list.wav', bytes);
    const facts = await inspectFile(file);
    expect(facts.sizeBytes).toBe(44 + list.length + 40000);
    expect(facts.sha256).toBe(sha256(bytes));
    expect(facts.durationMs).toBe(2500);
    expect(facts.complete).toBe(true);
  });

  it('rounds a duration that is not a whole millisecond', async () => {
    // 12345 samples at 8 kHz = 1543.125 ms.
    const facts = await inspectFile(write('odd.wav', wav(samples(12345))));
    expect(facts.durationMs).toBe(1543);
    expect(facts.complete).toBe(true);
  });

  it('hashes a file larger than one read chunk', async () => {
    // 10 minutes at 8 kHz 16-bit: 9.6 MB, many 256 KiB reads.
    const bytes = wav(samples(8000 * 600));
    const facts = await inspectFile(write('ten-minutes.wav', bytes));
    expect(facts.sizeBytes).toBe(44 + 9_600_000);
    expect(facts.sha256).toBe(sha256(bytes));
    expect(facts.durationMs).toBe(600_000);
    expect(facts.complete).toBe(true);
  });

  it('is not complete while the recorder is still writing (header data size 0)', async () => {
    const bytes = wav(samples(8000), { declaredDataBytes: 0 });
    const file = write('recording.wav', bytes);
    const facts = await inspectFile(file);
    expect(facts.complete).toBe(false);
    expect(facts.sizeBytes).toBe(16044);
    expect(facts.sha256).toBe(sha256(bytes));
  });

  it('is not complete when the file is shorter than its header says; the duration counts what is there', async () => {
    const bytes = wav(samples(4000), { declaredDataBytes: 16000 });
    const facts = await inspectFile(write('truncated.wav', bytes));
    expect(facts.sizeBytes).toBe(44 + 8000);
    expect(facts.durationMs).toBe(500);
    expect(facts.complete).toBe(false);
  });

  it('a non-WAV file: size and hash, no duration, not complete', async () => {
    const bytes = Buffer.from('OggS this is not a wave file, just some bytes\n'.repeat(50), 'latin1');
    const file = write('not-wav.ogg', bytes);
    const facts = await inspectFile(file);
    expect(facts.sizeBytes).toBe(bytes.length);
    expect(facts.sha256).toBe(sha256(bytes));
    expect(facts.durationMs).toBeNull();
    expect(facts.complete).toBe(false);
  });

  it('an empty file has the SHA-256 of nothing', async () => {
    const facts = await inspectFile(write('empty.wav', Buffer.alloc(0)));
    expect(facts).toMatchObject({
      sizeBytes: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      durationMs: null,
      complete: false,
    });
  });

  it('rejects for a missing file', async () => {
    await expect(inspectFile(path.join(dir, 'missing.wav'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
