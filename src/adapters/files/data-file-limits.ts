// How much a data file may ask of the server when it is read: files are read whole and synchronously
// at start and on reload, so a huge file or an alias bomb would stall the event loop that serves calls.

export interface DataFileLimits {
  /** Bytes on disk; a larger file is refused before it is read. */
  readonly maxBytes: number;
  /** YAML aliases (`*name`) in one document, and the expansion yaml allows when it resolves them. */
  readonly maxAliases: number;
}

/** The shipped data files are a few KiB each; 1 MiB leaves room for a large city's lists. */
export const DEFAULT_DATA_FILE_LIMITS: DataFileLimits = { maxBytes: 1024 * 1024, maxAliases: 100 };
