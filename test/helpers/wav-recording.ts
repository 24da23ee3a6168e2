// A call recording on disk and in the catalog, ready to be served: a WAV as Asterisk writes it,
// measured by the server's own recording catalog.
import fs from 'node:fs';
import path from 'node:path';
import type { HttpApp } from './http-app.js';
import { waitForAsync } from './wait.js';

/** A 16-bit mono PCM WAV file of these samples at `rate` Hz. */
export function pcmWav(data: Buffer, rate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** An 8 kHz 16-bit mono WAV of `ms` milliseconds. */
export function wav(ms: number): Buffer {
  return pcmWav(Buffer.alloc((8000 * 2 * ms) / 1000, 7), 8000);
}

/** Writes recording `name` (of a call already closed with that recording) and waits until it is ready; its bytes. */
export async function seedRecording(http: HttpApp, dir: string, name: string, ms: number): Promise<Buffer> {
  const audio = wav(ms);
  fs.writeFileSync(path.join(dir, `${name}.wav`), audio);
  http.office.catalog.watch(name);
  await waitForAsync(async () => ((await http.office.recordings.get(name))?.state === 'ready' ? true : undefined), 5000, 50);
  return audio;
}
