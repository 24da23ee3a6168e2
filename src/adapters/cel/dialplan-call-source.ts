// The calls the dialplan answered without the server, read from Asterisk's channel event file as
// it grows: each poll reads what was appended since the one before and returns the calls that ended.
import type { DialplanCallSource, FinishedDialplanCall } from '../../app/ports/dialplan-calls.js';
import { maskPhonesInText } from '../../domain/privacy/mask-phone.js';
import type { Logger } from '../../logging/logger.js';
import { parseCelLine } from './cel-line.js';
import { CelTail } from './cel-tail.js';
import { DialplanCallWatch } from './dialplan-call-watch.js';

export interface CelDialplanCallsOptions {
  readonly file: string;
  readonly logger: Logger;
  /** How far back the first poll reads (bytes of the files): calls that ended while no server ran. */
  readonly startBytes?: number;
  /** Bytes read at a time (a test reads a few to see the catching up). */
  readonly bytesPerRead?: number;
  /** A marked call with no recorded end after this long is closed anyway (the fallback queue keeps a caller an hour at most). */
  readonly giveUpAfterMs?: number;
  /** Marks older than this are not taken (ms since the epoch). */
  readonly notBefore?: number;
  readonly now?: () => number;
}

export class CelDialplanCalls implements DialplanCallSource {
  private readonly tail: CelTail;
  private readonly watch: DialplanCallWatch;
  private skipped = 0;

  constructor(private readonly options: CelDialplanCallsOptions) {
    this.watch = new DialplanCallWatch(options.notBefore, (callId, text) =>
      options.logger.warn({ callId, mark: maskPhonesInText(text.slice(0, 120)) }, 'a call the dialplan answered carries a mark that cannot be read: it gets no ticket; check the CELGenUserEvent lines of dialplan/hotline.conf and of the compiled menus (dialplan-marks.ts)'),
    );
    this.tail = new CelTail({ file: options.file, startBytes: options.startBytes ?? 16 << 20, ...(options.bytesPerRead ? { maxBytesPerRead: options.bytesPerRead } : {}) });
  }

  get open(): number {
    return this.watch.open;
  }

  async poll(): Promise<readonly FinishedDialplanCall[]> {
    const finished: FinishedDialplanCall[] = [];
    // A megabyte at a time (some 6,000 lines), each read an await: the first poll after a start
    // may have megabytes to catch up on, and the event loop must not stall on them.
    do finished.push(...this.take(await this.tail.readNew()));
    while (this.tail.behind);
    const now = (this.options.now ?? Date.now)();
    finished.push(...this.watch.expire(now - (this.options.giveUpAfterMs ?? 2 * 3600_000)));
    return finished;
  }

  private take(lines: readonly string[]): FinishedDialplanCall[] {
    const finished: FinishedDialplanCall[] = [];
    for (const line of lines) {
      const event = parseCelLine(line);
      if (!event) {
        this.skipped += 1;
        if (this.skipped <= 5) this.options.logger.warn({ file: this.options.file, line: maskPhonesInText(line.slice(0, 120)) }, "skipped a line of Asterisk's call records that is not a channel event");
        continue;
      }
      const call = this.watch.take(event);
      if (call) finished.push(call);
    }
    return finished;
  }
}
