// Whether a call's media came through intact, from what Asterisk itself reports and writes:
// - RTP: the RTPAUDIOQOS figures chan_pjsip sets on each call side as it hangs up (`lp`: packets it
//   found missing from the far end's sequence, `rxcount`: packets it received); a side's loss is
//   lp / (lp + rxcount).
// - the conversation's recording: its length (from the WAV header) against the talk time the
//   observer saw (the agent answering → the agent hanging up).
import fs from 'node:fs';

export interface RtpQos {
  readonly lost: number;
  readonly received: number;
  /** Interarrival jitter of what Asterisk received, seconds. */
  readonly jitter: number;
}

/** `ssrc=…;themssrc=…;lp=0;rxjitter=0.000125;rxcount=1500;…` → the figures used, or null. */
export function parseRtpQos(text: string | null): RtpQos | null {
  if (!text) return null;
  const fields = new Map(text.split(';').map((pair) => pair.split('=') as [string, string]));
  const lost = Number(fields.get('lp'));
  const received = Number(fields.get('rxcount'));
  if (!Number.isFinite(lost) || !Number.isFinite(received)) return null;
  return { lost, received, jitter: Number(fields.get('rxjitter') ?? 0) || 0 };
}

export const lossShare = (qos: RtpQos): number => (qos.lost + qos.received === 0 ? 0 : qos.lost / (qos.lost + qos.received));

/** Length of a PCM WAV file in ms (its data chunk over its byte rate), or null when unreadable. */
export function wavDurationMs(file: string): number | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const header = Buffer.alloc(Math.min(size, 4096));
    fs.readSync(fd, header, 0, header.length, 0);
    return wavHeaderDurationMs(header, size);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * From a WAV file's first bytes and its size: the byte rate from `fmt `, the data's length from
 * the file size (a recorder stopped abruptly may leave the data chunk's own length unwritten).
 */
export function wavHeaderDurationMs(header: Buffer, fileSize: number): number | null {
  if (header.length < 12 || header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') return null;
  let byteRate = 0;
  for (let at = 12; at + 8 <= header.length; ) {
    const id = header.toString('ascii', at, at + 4);
    const length = header.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 16 <= header.length) byteRate = header.readUInt32LE(at + 16);
    if (id === 'data') return byteRate > 0 ? Math.round(((fileSize - (at + 8)) / byteRate) * 1000) : null;
    at += 8 + length + (length % 2);
  }
  return null;
}

export interface CallMedia {
  /** Each call side's RTP figures; a side missing its figures is null. */
  readonly citizen: RtpQos | null;
  readonly agent: RtpQos | null;
  /** The conversation's talk time and its recording's length, ms; null when either is unknown. */
  readonly talkMs: number | null;
  readonly recordingMs: number | null;
  /** False for a conversation nothing records (the human fallback queue): only its RTP is checked. */
  readonly expectsRecording?: boolean;
}

/** Thresholds of intact media, the same for both systems. */
export const MEDIA_LIMITS = { maxLossShare: 0.01, maxRecordingOffMs: 500 } as const;

export interface MediaSummary {
  readonly calls: number;
  /** Packets lost over packets expected, both sides of every call (0–1). */
  readonly lossShare: number;
  /** The worst call side's loss (0–1). */
  readonly worstLossShare: number;
  /** Call sides without RTP figures. */
  readonly sidesWithoutQos: number;
  readonly recordings: number;
  /** Calls with no recording, or one whose length is more than the limit off the talk time. */
  readonly recordingsOff: number;
  /** Recording length minus talk time, ms, per recorded call. */
  readonly recordingOffsetsMs: number[];
  readonly intact: boolean;
}

export function summarizeMedia(calls: readonly CallMedia[]): MediaSummary {
  const sides = calls.flatMap((call) => [call.citizen, call.agent]);
  const measured = sides.filter((side): side is RtpQos => side !== null);
  const lost = measured.reduce((sum, side) => sum + side.lost, 0);
  const expected = measured.reduce((sum, side) => sum + side.lost + side.received, 0);
  const recorded = calls.filter((call) => call.expectsRecording !== false);
  const offsets = recorded.flatMap((call) => (call.talkMs !== null && call.recordingMs !== null ? [call.recordingMs - call.talkMs] : []));
  const recordingsOff = recorded.length - offsets.filter((offset) => Math.abs(offset) <= MEDIA_LIMITS.maxRecordingOffMs).length;
  const lossShareAll = expected === 0 ? 0 : lost / expected;
  return {
    calls: calls.length,
    lossShare: lossShareAll,
    worstLossShare: Math.max(0, ...measured.map(lossShare)),
    sidesWithoutQos: sides.length - measured.length,
    recordings: offsets.length,
    recordingsOff,
    recordingOffsetsMs: offsets,
    intact: calls.length > 0 && lossShareAll <= MEDIA_LIMITS.maxLossShare && recordingsOff === 0 && sides.length === measured.length,
  };
}
