// Asterisk's own record of what happened to calls (the CEL file of cel_custom.conf), read after a
// restart for the calls the previous run left: the only place that still knows what happened to
// them while no server watched (AMI keeps no backlog). Only the newest part of the file is read,
// newest line first, back to the oldest of those calls' start; the rotated file before it too.
import fs from 'node:fs';
import type { AsteriskRecordsPort, RecordedCallKey } from '../../app/ports/asterisk-records.js';
import { callIds } from '../../domain/calls/call-ids.js';
import type { RecordedStep } from '../../domain/calls/recovered-facts.js';
import { maskPhonesInText } from '../../domain/privacy/mask-phone.js';
import type { Logger } from '../../logging/logger.js';
import { celExtra, parseCelLine, type CelEvent } from './cel-line.js';
import { linesFromEnd } from './lines-from-end.js';

export interface CelRecordsOptions {
  /** The file cel_custom.conf writes, as this machine sees it; `<file>.1` is the one rotated before it. */
  readonly file: string;
  readonly logger: Logger;
  /** At most this much is read (both files together): a start never waits on a huge file. */
  readonly maxBytes?: number;
  /** Events are written a little out of time order (one writer, several channels' threads): read this much further back. */
  readonly slackMs?: number;
}

interface Side {
  readonly callId: string;
  readonly who: 'caller' | 'agent' | 'party';
  readonly leg: string;
}

/** Which call and which side an event's channel is, among the calls looked up. */
function sideOf(event: CelEvent, callers: ReadonlyMap<string, string>, known: ReadonlySet<string>): Side | undefined {
  const caller = callers.get(event.uniqueId);
  if (caller !== undefined) return { callId: caller, who: 'caller', leg: event.uniqueId };
  // Agents' legs and outside parties as the call names them; the demo phone's other half and
  // recorders are not sides of the conversation.
  const leg = callIds.legOf(event.uniqueId);
  if (!leg || !known.has(leg.callId)) return undefined;
  return { callId: leg.callId, who: leg.kind, leg: event.uniqueId };
}

/** Asterisk's words to the call's: a move into or out of the call's conversation bridge, or the caller's line going down. */
export function recordedStep(event: CelEvent, side: Side): RecordedStep | undefined {
  const extra = celExtra(event);
  if (event.type === 'HANGUP' && side.who === 'caller') return { at: event.at, kind: 'hung-up', cause: extra.hangupCause ?? null };
  if (event.type !== 'BRIDGE_ENTER' && event.type !== 'BRIDGE_EXIT') return undefined;
  if (extra.bridgeId !== callIds.conversation(side.callId)) return undefined;
  return { at: event.at, kind: event.type === 'BRIDGE_ENTER' ? 'joined' : 'left', who: side.who, leg: side.leg };
}

export class CelRecords implements AsteriskRecordsPort {
  constructor(private readonly options: CelRecordsOptions) {}

  async stepsOf(calls: readonly RecordedCallKey[], since: number): Promise<ReadonlyMap<string, readonly RecordedStep[]>> {
    if (calls.length === 0) return new Map();
    try {
      return await this.read(calls, since);
    } catch (error) {
      this.options.logger.warn({ err: error, file: this.options.file }, "Asterisk's call records could not be read; the calls left by the previous run are closed from what was saved");
      return new Map();
    }
  }

  private async read(calls: readonly RecordedCallKey[], since: number): Promise<Map<string, RecordedStep[]>> {
    const callers = new Map(calls.map((call) => [call.channelId, call.callId]));
    const known = new Set(calls.map((call) => call.callId));
    const steps = new Map<string, RecordedStep[]>();
    const from = since - (this.options.slackMs ?? 60_000);
    let skipped = 0;
    for await (const line of this.newestFirst()) {
      const event = parseCelLine(line);
      if (!event) {
        skipped += 1;
        if (skipped <= 5) this.options.logger.warn({ file: this.options.file, line: maskPhonesInText(line.slice(0, 120)) }, "skipped a line of Asterisk's call records that is not a channel event");
        continue;
      }
      if (event.at < from) break;
      const side = sideOf(event, callers, known);
      const step = side && recordedStep(event, side);
      if (side && step) steps.set(side.callId, [step, ...(steps.get(side.callId) ?? [])]);
    }
    if (skipped > 5) this.options.logger.warn({ file: this.options.file, skipped }, "lines of Asterisk's call records skipped in all");
    return steps;
  }

  /** The current file's lines, then the rotated one's, newest first, within the byte budget. */
  private async *newestFirst(): AsyncGenerator<string> {
    const { file, logger } = this.options;
    let budget = this.options.maxBytes ?? 64 * 1024 * 1024;
    const paths = [file, `${file}.1`].filter((path) => fs.existsSync(path));
    if (paths.length === 0) logger.warn({ file }, "Asterisk's call records are missing (is cel_custom loaded, and its folder there?); calls left by the previous run are closed from what was saved");
    for (const path of paths) {
      if (budget <= 0) return;
      const size = fs.statSync(path).size;
      yield* linesFromEnd(path, {
        maxBytes: budget,
        onUnfinishedLast: (bytes) => logger.info({ file: path, bytes }, "the last line of Asterisk's call records is unfinished; skipped"),
        onLimit: () => logger.warn({ file: path, maxBytes: this.options.maxBytes }, "read only the newest part of Asterisk's call records; older calls may be closed from what was saved"),
      });
      budget -= size;
    }
  }
}
