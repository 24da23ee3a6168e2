// RTP captures for SIPp's play_pcap_audio: a whole call's media as one stream, G.711 µ-law with the
// caller's keys as RFC 4733 telephone events in it. SIPp replays a capture's UDP payloads with their
// timing, rewriting only addresses and ports, so the RTP headers written here are what Asterisk
// receives. One capture per call side, because a new play stops the one before it, and because a
// real phone sends media from the answer on (Asterisk's dialplan Answer() waits up to 500 ms for it).
// (The play_dtmf action of Debian's SIPp 3.6.1 mangles the payload type: Asterisk never sees a key.)
// The load benchmark's callers now press their keys as SIP INFO, each after its prompt began (a key
// put in the capture would come at a fixed time, whatever the prompt did), so its captures carry
// no events; `keys` stays for a stream that carries them.

export interface RtpPacket {
  readonly payloadType: number;
  readonly marker: boolean;
  readonly seq: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly payload: Buffer;
  /** When the packet leaves, in microseconds from the first one. */
  readonly atUs: number;
}

export interface StreamStart {
  readonly seq: number;
  readonly timestamp: number;
  readonly ssrc: number;
}

const PACKET_MS = 20;
const SAMPLES_PER_PACKET = 160;
export const TELEPHONE_EVENT_PT = 101;
export const PCMU_PT = 0;

const EVENT_CODES: Readonly<Record<string, number>> = { '*': 10, '#': 11 };

export function dtmfEventCode(key: string): number {
  if (/^[0-9]$/.test(key)) return Number(key);
  const code = EVENT_CODES[key];
  if (code === undefined) throw new Error(`not a telephone key: "${key}"`);
  return code;
}

/** G.711 µ-law of a 16-bit linear sample (ITU-T G.711, with the usual bias of 0x84). */
export function linearToMuLaw(sample: number): number {
  const BIAS = 0x84;
  const CLIP = 32635;
  let value = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = value < 0 ? 0x80 : 0;
  if (value < 0) value = -value;
  value = Math.min(value, CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (value >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/**
 * A voice-like signal: a 150 Hz voice with two formants, spoken in syllables of about 200 ms with
 * pauses between phrases. Deterministic, so every run sends the same audio.
 */
function voiceSample(n: number): number {
  const t = n / 8000;
  const phrase = (t % 3) < 2.4 ? 1 : 0;
  const syllable = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t));
  const tone = Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 700 * t) + 0.25 * Math.sin(2 * Math.PI * 1200 * t);
  return 6000 * phrase * syllable * tone;
}

export interface MediaPlan {
  readonly durationMs: number;
  /** Keys pressed, each `toneMs` long, at their time from the start (ms). */
  readonly keys: readonly { readonly key: string; readonly atMs: number }[];
  readonly toneMs?: number;
  /** Silence before this moment (a caller listening to the menus), voice from it on. */
  readonly voiceFromMs: number;
}

function eventPayload(event: number, end: boolean, duration: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt8(event, 0);
  payload.writeUInt8((end ? 0x80 : 0) | 10, 1); // volume: -10 dBm0
  payload.writeUInt16BE(duration, 2);
  return payload;
}

function audioPayload(slot: number, voice: boolean): Buffer {
  const payload = Buffer.alloc(SAMPLES_PER_PACKET, 0xff); // µ-law silence
  if (voice) for (let s = 0; s < SAMPLES_PER_PACKET; s += 1) payload[s] = linearToMuLaw(voiceSample(slot * SAMPLES_PER_PACKET + s));
  return payload;
}

/**
 * One call's media as a phone sends it: a packet every 20 ms from the answer on (silence, then
 * voice), and each key as RFC 4733 events in place of audio: packets with the event's start
 * timestamp and a growing duration (the first one marked), then the end packet three times
 * (§2.5.1.4), each with a sequence number of its own.
 */
export function callMedia(plan: MediaPlan, start: StreamStart): RtpPacket[] {
  const toneSlots = Math.max(1, Math.round((plan.toneMs ?? 200) / PACKET_MS));
  const keyAt = new Map(plan.keys.map((k) => [Math.round(k.atMs / PACKET_MS), dtmfEventCode(k.key)]));
  const packets: RtpPacket[] = [];
  const slots = Math.max(1, Math.round(plan.durationMs / PACKET_MS));
  let seq = start.seq;
  for (let slot = 0; slot < slots; slot += 1) {
    const timestamp = (start.timestamp + slot * SAMPLES_PER_PACKET) >>> 0;
    const atUs = slot * PACKET_MS * 1000;
    const event = keyAt.get(slot);
    if (event !== undefined) {
      for (let i = 0; i < toneSlots + 3; i += 1) {
        const end = i >= toneSlots;
        const duration = Math.min(i + 1, toneSlots) * SAMPLES_PER_PACKET;
        packets.push({ payloadType: TELEPHONE_EVENT_PT, marker: i === 0, seq: seq++ & 0xffff, timestamp, ssrc: start.ssrc, payload: eventPayload(event, end, duration), atUs: atUs + i * PACKET_MS * 1000 });
      }
      slot += toneSlots + 2;
      continue;
    }
    const voice = slot * PACKET_MS >= plan.voiceFromMs;
    packets.push({ payloadType: PCMU_PT, marker: slot === 0, seq: seq++ & 0xffff, timestamp, ssrc: start.ssrc, payload: audioPayload(slot, voice), atUs });
  }
  return packets;
}

function rtpBytes(packet: RtpPacket): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt8(0x80, 0); // version 2, no padding, no extension, no CSRC
  header.writeUInt8((packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f), 1);
  header.writeUInt16BE(packet.seq & 0xffff, 2);
  header.writeUInt32BE(packet.timestamp >>> 0, 4);
  header.writeUInt32BE(packet.ssrc >>> 0, 8);
  return Buffer.concat([header, packet.payload]);
}

/** Ethernet + IPv4 + UDP around one RTP packet; SIPp rewrites the ports and the UDP checksum. */
function frame(rtp: Buffer, port: number): Buffer {
  const udpLength = 8 + rtp.length;
  const ether = Buffer.alloc(14);
  ether.writeUInt16BE(0x0800, 12);
  const ip = Buffer.alloc(20);
  ip.writeUInt8(0x45, 0);
  ip.writeUInt16BE(20 + udpLength, 2);
  ip.writeUInt8(64, 8);
  ip.writeUInt8(17, 9);
  ip.writeUInt32BE(0x7f000001, 12);
  ip.writeUInt32BE(0x7f000001, 16);
  ip.writeUInt16BE(ipChecksum(ip), 10);
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(port, 0);
  udp.writeUInt16BE(port, 2);
  udp.writeUInt16BE(udpLength, 4);
  return Buffer.concat([ether, ip, udp, rtp]);
}

function ipChecksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** A classic pcap file (microsecond timestamps, Ethernet link type) of the packets, in order. */
export function pcapFile(packets: readonly RtpPacket[], port = 6000): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20);
  const records = packets.map((packet) => {
    const data = frame(rtpBytes(packet), port);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(packet.atUs / 1e6), 0);
    record.writeUInt32LE(packet.atUs % 1e6, 4);
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    return Buffer.concat([record, data]);
  });
  return Buffer.concat([header, ...records]);
}
