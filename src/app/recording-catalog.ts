// Measures each recording once Asterisk has finished writing it: size, SHA-256, duration, start and
// end, and its retention date. A file still being written is looked at again a little later; one
// that never appears is marked missing (and logged), never silently dropped. Pending rows left by a
// stop are picked up again at start.
import path from 'node:path';
import type { Logger } from '../logging/logger.js';
import type { FileFacts, FileInspector } from './ports/file-inspector.js';
import type { RecordingRecords, RecordingRow } from './ports/recording-records.js';
import type { Timers } from './ports/timers.js';

export interface RecordingCatalogDeps {
  readonly store: RecordingRecords;
  /** Where Asterisk writes recordings, as this machine sees it; null when it cannot see them. */
  readonly dir: string | null;
  readonly inspect: FileInspector;
  readonly remove: (file: string) => Promise<void>;
  readonly now: () => number;
  readonly logger: Logger;
  readonly retentionMs: number;
  /** The catalog's own timers: one look at a pending file each. */
  readonly timers: Timers;
  /** Waits before each look at a pending file; the last failure marks it missing. */
  readonly retryDelaysMs?: readonly number[];
}

const DEFAULT_DELAYS = [500, 1000, 2000, 5000, 15_000, 60_000];

export class RecordingCatalog {
  private readonly watching = new Set<string>();
  private stopped = false;

  constructor(private readonly deps: RecordingCatalogDeps) {}

  /** Starts measuring every pending recording (at start: those a stop left behind). */
  async resume(): Promise<void> {
    for (const row of await this.deps.store.pending(10_000)) this.watch(row.id);
  }

  watch(id: string, attempt = 0): void {
    if (this.stopped || this.deps.dir === null || (attempt === 0 && this.watching.has(id))) return;
    this.watching.add(id);
    const delay = (this.deps.retryDelaysMs ?? DEFAULT_DELAYS)[attempt];
    // A database that fails a read or write here is logged; the row stays pending for the next start.
    const measure = (): Promise<void> => this.measure(id, attempt).catch((error: unknown) => this.deps.logger.error({ err: error, recording: id }, 'recording could not be measured'));
    this.deps.timers.start(`measure:${id}`, delay ?? 0, () => void measure());
  }

  filePath(row: RecordingRow): string | null {
    return this.deps.dir === null ? null : path.join(this.deps.dir, path.basename(row.file));
  }

  /** Deletes the files of recordings past their retention date; the row stays, marked purged. */
  async purgeExpired(): Promise<number> {
    const rows = await this.deps.store.expired(this.deps.now(), 500);
    for (const row of rows) {
      const file = this.filePath(row);
      if (file) await this.deps.remove(file).catch(() => undefined);
      await this.deps.store.markPurged(row.id, this.deps.now());
    }
    return rows.length;
  }

  stop(): void {
    this.stopped = true;
    this.deps.timers.cancelAll();
  }

  private async measure(id: string, attempt: number): Promise<void> {
    const row = await this.deps.store.get(id);
    const file = row ? this.filePath(row) : null;
    if (!row || row.state !== 'pending' || file === null) return void this.watching.delete(id);
    const facts = await this.deps.inspect(file).catch(() => null);
    // Stopped while the file was read (the server is closing its database): the row stays pending
    // and resume() measures it at the next start.
    if (this.stopped) return;
    const last = attempt + 1 >= (this.deps.retryDelaysMs ?? DEFAULT_DELAYS).length;
    if (facts && (facts.complete || last)) return this.ready(row, facts);
    if (!last) return this.watch(id, attempt + 1);
    this.watching.delete(id);
    await this.deps.store.markMissing(id, this.deps.now());
    this.deps.logger.error({ callId: row.callId, recording: id }, 'recording file never appeared; marked missing');
  }

  private async ready(row: RecordingRow, facts: FileFacts): Promise<void> {
    this.watching.delete(row.id);
    const startedAt = row.startedAt ?? (facts.durationMs === null ? null : facts.modifiedAt - facts.durationMs);
    const endedAt = startedAt === null || facts.durationMs === null ? null : startedAt + facts.durationMs;
    const deleteAfter = (endedAt ?? this.deps.now()) + this.deps.retentionMs;
    await this.deps.store.markReady(row.id, { sizeBytes: facts.sizeBytes, sha256: facts.sha256, durationMs: facts.durationMs, startedAt, endedAt, deleteAfter }, this.deps.now());
    if (!facts.complete) this.deps.logger.warn({ callId: row.callId, recording: row.id }, 'recording header never completed; measured as found');
    else this.deps.logger.info({ callId: row.callId, recording: row.id, durationMs: facts.durationMs, sizeBytes: facts.sizeBytes }, 'recording measured');
  }
}
