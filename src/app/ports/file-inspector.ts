// What app learns of a recorded file by looking at it: size, checksum, duration, whether the writer is done. The recordings adapter implements it.

export interface FileFacts {
  readonly sizeBytes: number;
  readonly sha256: string;
  /** Null when the file is not a WAV file we can read. */
  readonly durationMs: number | null;
  /** The data chunk's declared length matches the file: the writer has finished and closed it. */
  readonly complete: boolean;
  readonly modifiedAt: number;
}

/** Reads one file's facts; rejects when the file cannot be read (e.g. not there yet). */
export type FileInspector = (file: string) => Promise<FileFacts>;
