// Reads a text file's lines from its end backwards, a chunk at a time: a reader that wants only
// the newest part of a file that may have grown large reads just that part.
import fs from 'node:fs/promises';

export interface LinesFromEndOptions {
  /** Stop after this many bytes (the line cut there is dropped). */
  readonly maxBytes: number;
  readonly chunkBytes?: number;
  /** The file's last line has no newline yet: being written, or cut short by a crash. It is skipped. */
  readonly onUnfinishedLast?: (bytes: number) => void;
  /** `maxBytes` was reached before the file's start. */
  readonly onLimit?: () => void;
}

const NEWLINE = 0x0a;

/** Newest line first. Lines are split on bytes, so a UTF-8 character is never cut in two. */
export async function* linesFromEnd(file: string, options: LinesFromEndOptions): AsyncGenerator<string> {
  const handle = await fs.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const floor = Math.max(0, size - options.maxBytes);
    const chunk = Buffer.alloc(options.chunkBytes ?? 1 << 20);
    let position = size;
    let carry = Buffer.alloc(0);
    let last = true;
    while (position > floor) {
      const length = Math.min(chunk.length, position - floor);
      position -= length;
      await handle.read(chunk, 0, length, position);
      let data = Buffer.concat([chunk.subarray(0, length), carry]);
      let end = data.length;
      for (let i = data.lastIndexOf(NEWLINE, end - 1); i >= 0; i = data.lastIndexOf(NEWLINE, end - 1)) {
        if (last) {
          if (i + 1 < end) options.onUnfinishedLast?.(end - i - 1);
          last = false;
        } else if (i + 1 < end) {
          yield data.toString('utf8', i + 1, end);
        }
        end = i;
        if (end === 0) break;
      }
      data = data.subarray(0, end);
      carry = Buffer.from(data);
    }
    if (floor > 0) options.onLimit?.();
    else if (carry.length > 0 && !last) yield carry.toString('utf8');
    else if (carry.length > 0) options.onUnfinishedLast?.(carry.length);
  } finally {
    await handle.close();
  }
}
