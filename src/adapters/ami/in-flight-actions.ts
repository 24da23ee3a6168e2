import type Manager from 'asterisk-manager';
import { AmiError } from './ami-error.js';
import { fieldString, type AmiEvent, type AmiMessage } from './ami-message.js';

/** What a list action (QueueStatus, CoreShowChannels…) answers: the response and the events carrying its ActionID. */
export interface AmiListResult {
  readonly response: AmiMessage;
  readonly events: readonly AmiEvent[];
}

export interface TrackOptions {
  /** Lower-case name of the event that ends a list; undefined for a plain action (done at the response). */
  readonly completeEvent: string | undefined;
  readonly timeoutMs: number;
  /** Drops the library's listener for this ActionID, so a timed-out action leaves nothing behind. */
  readonly forget: () => void;
}

interface Entry {
  readonly completeEvent: string | undefined;
  readonly events: AmiEvent[];
  readonly timer: NodeJS.Timeout;
  readonly resolve: (result: AmiListResult) => void;
  readonly reject: (error: AmiError) => void;
  response: AmiMessage | undefined;
}

/** Actions sent and not yet answered, keyed by our ActionID; each one has a timer. */
export class InFlightActions {
  private readonly entries = new Map<string, Entry>();

  get size(): number {
    return this.entries.size;
  }

  track(actionId: string, options: TrackOptions): Promise<AmiListResult> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        options.forget();
        this.settle(actionId)?.reject(new AmiError('AMI_TIMEOUT', `AMI action ${actionId} got no answer in ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      this.entries.set(actionId, { completeEvent: options.completeEvent, events: [], timer, resolve, reject, response: undefined });
    });
  }

  /** The library's per-ActionID callback: `err` is set (to the message itself) for `Response: Error`. */
  onResponse(actionId: string, err: Manager.RawAmiMessage | undefined, response: AmiMessage | undefined): void {
    const entry = this.entries.get(actionId);
    if (!entry) return;
    if (err) {
      this.settle(actionId)?.reject(new AmiError('AMI_ACTION_FAILED', fieldString(err, 'message') ?? 'AMI action failed', err));
      return;
    }
    entry.response = response ?? {};
    if (entry.completeEvent === undefined) this.finish(actionId);
    else entry.timer.refresh(); // a long list is fine as long as it keeps coming
  }

  /** Takes an event that belongs to a list in flight; returns false for everything else. */
  onEvent(event: AmiEvent): boolean {
    const entry = event.actionId === undefined ? undefined : this.entries.get(event.actionId);
    if (!entry || entry.completeEvent === undefined) return false;
    if (event.name.toLowerCase() === entry.completeEvent) this.finish(event.actionId as string);
    else {
      entry.events.push(event);
      entry.timer.refresh();
    }
    return true;
  }

  failAll(error: AmiError): void {
    for (const actionId of [...this.entries.keys()]) this.settle(actionId)?.reject(error);
  }

  private finish(actionId: string): void {
    const entry = this.settle(actionId);
    entry?.resolve({ response: entry.response ?? {}, events: entry.events });
  }

  private settle(actionId: string): Entry | undefined {
    const entry = this.entries.get(actionId);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.entries.delete(actionId);
    return entry;
  }
}
