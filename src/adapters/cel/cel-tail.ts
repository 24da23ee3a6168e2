// Follows the channel event file Asterisk appends to (cel_custom.conf), returning the lines added
// since the last read. Asterisk opens, appends and closes the file for every event, and the local
// runner (or logrotate) renames it to `<file>.1` when it grows large: a file whose identity changed
// or shrank was rotated, so the rest of the old one is read from `<file>.1` before the new one.
import fs from 'node:fs/promises';

export interface CelTailOptions {
  readonly file: string;
  /** At the first read, start this many bytes before the end (both files together): what came before is not read. */
  readonly startBytes: number;
  /** Read at most this much per read (the lines are parsed on the event loop); `behind` says more is waiting. */
  readonly maxBytesPerRead?: number;
}

interface Position {
  readonly inode: number;
  offset: number;
  /** A line begun but not yet ended at the last read (bytes, so a character is never cut). */
  carry: Buffer;
}

const NEWLINE = 0x0a;

async function statOf(path: string): Promise<{ inode: number; size: number } | undefined> {
  try {
    const stat = await fs.stat(path);
    return { inode: stat.ino, size: stat.size };
  } catch {
    return undefined;
  }
}

export class CelTail {
  private position: Position | undefined;
  /** The last read stopped at its limit with more of the file left. */
  behind = false;

  constructor(private readonly options: CelTailOptions) {}

  /** The complete lines added since the last read (the first read: the newest `startBytes` of them). */
  async readNew(): Promise<string[]> {
    this.behind = false;
    const current = await statOf(this.options.file);
    if (!current) return [];
    if (!this.position) return this.firstRead(current);
    const lines: string[] = [];
    if (current.inode !== this.position.inode || current.size < this.position.offset) {
      // Rotated: what the old file got after the last read is in `<file>.1` (when that is still it).
      const rotated = await statOf(`${this.options.file}.1`);
      // All of it before moving on: the position then leaves the old file for good.
      if (rotated?.inode === this.position.inode) {
        while (this.position.offset < rotated.size) lines.push(...(await this.readFrom(`${this.options.file}.1`, this.position, rotated.size)));
      }
      this.position = { inode: current.inode, offset: 0, carry: Buffer.alloc(0) };
    }
    lines.push(...(await this.readFrom(this.options.file, this.position, current.size)));
    return lines;
  }

  private async firstRead(current: { inode: number; size: number }): Promise<string[]> {
    const lines: string[] = [];
    const rotated = await statOf(`${this.options.file}.1`);
    const left = this.options.startBytes - current.size;
    if (rotated && left > 0) {
      const start = Math.max(0, rotated.size - left);
      const old: Position = { inode: rotated.inode, offset: start, carry: Buffer.alloc(0) };
      const older: string[] = [];
      while (old.offset < rotated.size) older.push(...(await this.readFrom(`${this.options.file}.1`, old, rotated.size)));
      lines.push(...older.slice(start > 0 ? 1 : 0));
    }
    const start = Math.max(0, current.size - this.options.startBytes);
    this.position = { inode: current.inode, offset: start, carry: Buffer.alloc(0) };
    // A start inside the file lands inside a line: that first piece is not a line.
    lines.push(...(await this.readFrom(this.options.file, this.position, current.size)).slice(start > 0 ? 1 : 0));
    return lines;
  }

  /** The complete lines of `path` from the position to `size` (at most the per-read limit), moving the position on. */
  private async readFrom(path: string, position: Position, size: number): Promise<string[]> {
    const end = Math.min(size, position.offset + (this.options.maxBytesPerRead ?? 1 << 20));
    this.behind = end < size;
    if (end <= position.offset) return [];
    const handle = await fs.open(path, 'r');
    try {
      const chunk = Buffer.alloc(end - position.offset);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position.offset);
      position.offset += bytesRead;
      const data = Buffer.concat([position.carry, chunk.subarray(0, bytesRead)]);
      const lastNewline = data.lastIndexOf(NEWLINE);
      position.carry = Buffer.from(data.subarray(lastNewline + 1));
      if (lastNewline < 0) return [];
      return data
        .toString('utf8', 0, lastNewline)
        .split('\n')
        .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
        .filter((line) => line !== '');
    } finally {
      await handle.close();
    }
  }
}
