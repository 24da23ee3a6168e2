// Runs one data file's loader at start-up: its problems stop the start under that file's own code
// (USERS_INVALID, …), and a failure that is not a data-file problem under STARTUP_FAILED, as it was.
import { DataFileError } from '../adapters/files/data-file-error.js';
import { StartupError, type StartupCode } from './startup-error.js';

/** The codes of data files: one per kind of file the server refuses to start without. */
export type DataFileStartupCode = Extract<StartupCode, `${string}_INVALID`>;

export function readStartupFile<T>(code: DataFileStartupCode, what: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof DataFileError) throw new StartupError(code, error.message, { cause: error });
    throw StartupError.unrecognised(error, `reading ${what}`);
  }
}
