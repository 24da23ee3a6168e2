import { describe, expect, it } from 'vitest';
import { callMedia, dtmfEventCode, linearToMuLaw, pcapFile, PCMU_PT, TELEPHONE_EVENT_PT, type RtpPacket } from '../../../bench/load/rtp-pcap.js';

const start = { seq: 65_530, timestamp: 4_294_967_000, ssrc: 0x1234 };

/** Reads a pcap back: record timestamps (µs) and the RTP part of each frame. */
function readPcap(file: Buffer): { atUs: number; udpLength: number; rtp: Buffer }[] {
  expect(file.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(file.readUInt32LE(20)).toBe(1); // Ethernet
  const records = [];
  for (let offset = 24; offset < file.length; ) {
    const atUs = file.readUInt32LE(offset) * 1e6 + file.readUInt32LE(offset + 4);
    const length = file.readUInt32LE(offset + 8);
    const frame = file.subarray(offset + 16, offset + 16 + length);
    expect(frame.readUInt16BE(12)).toBe(0x0800);
    expect(frame.readUInt8(23)).toBe(17); // UDP
    records.push({ atUs, udpLength: frame.readUInt16BE(38), rtp: frame.subarray(42) });
    offset += 16 + length;
  }
  return records;
}

describe('G.711 µ-law', () => {
  it('encodes silence, the extremes and the sign as the standard table does', () => {
    expect(linearToMuLaw(0)).toBe(0xff);
    expect(linearToMuLaw(32767)).toBe(0x80);
    expect(linearToMuLaw(-32768)).toBe(0x00);
    expect(linearToMuLaw(1000) & 0x80).toBe(0x80);
    expect(linearToMuLaw(-1000) & 0x80).toBe(0);
  });
});

describe('telephone events', () => {
  it('names the sixteen keys by RFC 4733 event code and refuses others', () => {
    expect(['0', '5', '9', '*', '#'].map(dtmfEventCode)).toEqual([0, 5, 9, 10, 11]);
    expect(() => dtmfEventCode('x')).toThrow();
  });
});

describe('a call\'s media', () => {
  const plan = { durationMs: 2000, keys: [{ key: '1', atMs: 400 }, { key: '#', atMs: 1000 }], voiceFromMs: 1500, toneMs: 100 };
  const packets = callMedia(plan, start);
  const events = (p: RtpPacket[]): RtpPacket[] => p.filter((x) => x.payloadType === TELEPHONE_EVENT_PT);

  it('sends a packet every 20 ms from the answer on, keys in place of audio', () => {
    expect(packets.map((p) => p.atUs)).toEqual(Array.from({ length: 100 }, (_u, i) => i * 20_000));
    // 100 ms of tone = 5 packets, then the end packet three times: 8 per key.
    expect(events(packets)).toHaveLength(16);
  });

  it('numbers packets and advances the media clock without a gap, across the wrap-around', () => {
    packets.forEach((p, i) => expect(p.seq).toBe((start.seq + i) & 0xffff));
    const audio = packets.filter((p) => p.payloadType === PCMU_PT);
    for (const p of audio) expect(p.timestamp).toBe((start.timestamp + (p.atUs / 20_000) * 160) >>> 0);
    expect(new Set(packets.map((p) => p.ssrc))).toEqual(new Set([0x1234]));
  });

  it('gives each key one timestamp, a growing duration, a first mark and three end packets', () => {
    const first = events(packets).slice(0, 8);
    expect(new Set(first.map((p) => p.timestamp)).size).toBe(1);
    expect(first[0]?.timestamp).toBe((start.timestamp + 20 * 160) >>> 0);
    expect(first.map((p) => p.marker)).toEqual([true, false, false, false, false, false, false, false]);
    expect(first.map((p) => p.payload.readUInt8(0))).toEqual(Array(8).fill(1));
    expect(first.map((p) => (p.payload.readUInt8(1) & 0x80) !== 0)).toEqual([false, false, false, false, false, true, true, true]);
    expect(first.map((p) => p.payload.readUInt16BE(2))).toEqual([160, 320, 480, 640, 800, 800, 800, 800]);
    expect(events(packets)[8]?.payload.readUInt8(0)).toBe(11);
  });

  it('is silent before the voice starts and speaks after', () => {
    const audio = packets.filter((p) => p.payloadType === PCMU_PT);
    const before = audio.filter((p) => p.atUs < 1_500_000);
    const after = audio.filter((p) => p.atUs >= 1_500_000);
    expect(before.every((p) => p.payload.every((b) => b === 0xff))).toBe(true);
    expect(after.some((p) => p.payload.some((b) => b !== 0xff))).toBe(true);
    expect(audio.every((p) => p.payload.length === 160)).toBe(true);
  });

  it('writes a pcap SIPp replays: one record per packet, with its time and a whole RTP packet', () => {
    const records = readPcap(pcapFile(packets, 4000));
    expect(records).toHaveLength(packets.length);
    records.forEach((record, i) => {
      const packet = packets[i] as RtpPacket;
      expect(record.atUs).toBe(packet.atUs);
      expect(record.udpLength).toBe(8 + 12 + packet.payload.length);
      expect(record.rtp.readUInt8(0)).toBe(0x80);
      expect(record.rtp.readUInt8(1)).toBe((packet.marker ? 0x80 : 0) | packet.payloadType);
      expect(record.rtp.readUInt16BE(2)).toBe(packet.seq);
      expect(record.rtp.readUInt32BE(4)).toBe(packet.timestamp);
      expect(record.rtp.readUInt32BE(8)).toBe(0x1234);
    });
  });
});
