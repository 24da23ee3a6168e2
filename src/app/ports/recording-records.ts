// What app keeps of each recording: a row written 'pending' with the ticket, completed once its file is measured. The db adapter implements it.

export interface RecordingRow {
  readonly id: string;
  readonly callId: string;
  /** A conversation or a voice message. */
  readonly kind: string;
  readonly format: string;
  /** File name relative to the recordings folder. */
  readonly file: string;
  readonly state: 'pending' | 'ready' | 'missing' | 'purged';
  readonly sizeBytes: number | null;
  readonly sha256: string | null;
  readonly durationMs: number | null;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** The end of its retention: the file is deleted after it, the row stays. */
  readonly deleteAfter: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What measuring a finished file found, and when it may be deleted. */
export interface MeasuredRecording {
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly durationMs: number | null;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly deleteAfter: number | null;
}

export interface RecordingRecords {
  get(id: string): Promise<RecordingRow | undefined>;
  /** A call's recordings, oldest first. */
  ofCall(callId: string): Promise<RecordingRow[]>;
  /** Recordings not yet measured, oldest first. */
  pending(limit: number): Promise<RecordingRow[]>;
  markReady(id: string, facts: MeasuredRecording, now: number): Promise<void>;
  /** Only a pending recording becomes missing. */
  markMissing(id: string, now: number): Promise<void>;
  /** Ready recordings past their retention date. */
  expired(now: number, limit: number): Promise<RecordingRow[]>;
  markPurged(id: string, now: number): Promise<void>;
}
