// What a recorded file is: its size, SHA-256 and, for WAV, its duration read from the header.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FileFacts } from '../../app/ports/file-inspector.js';

interface WavHeader {
  readonly byteRate: number;
  readonly dataBytes: number;
  readonly dataOffset: number;
}

/** Walks the RIFF chunks for `fmt ` and `data`; Asterisk writes a plain 44-byte header, others may not. */
export function readWavHeader(head: Buffer): WavHeader | null {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return null;
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 20 <= head.length) byteRate = head.readUInt32LE(offset + 16);
    if (id === 'data') return byteRate > 0 ? { byteRate, dataBytes: size, dataOffset: offset + 8 } : null;
    offset += 8 + size + (size % 2);
  }
  return null;
}

export async function inspectFile(file: string): Promise<FileFacts> {
  const stat = await fs.promises.stat(file);
  const hash = crypto.createHash('sha256');
  const chunks: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    if (headBytes < 4096) {
      chunks.push(buffer);
      headBytes += buffer.length;
    }
  }
  const header = readWavHeader(Buffer.concat(chunks).subarray(0, 4096));
  return {
    sizeBytes: stat.size,
    sha256: hash.digest('hex'),
    durationMs: header ? Math.round((Math.min(header.dataBytes, stat.size - header.dataOffset) * 1000) / header.byteRate) : null,
    // A chunk may follow the data (LIST tags), so the file may be longer than the data's end.
    complete: header !== null && header.dataBytes > 0 && stat.size >= header.dataOffset + header.dataBytes,
    modifiedAt: stat.mtimeMs,
  };
}
