// A directory that knows no caller (tests, demos). The port itself is ports/caller-directory.ts and a
// caller's data domain/callers/caller-info.ts; the re-exports below go once their last importer points there.
import { UNKNOWN_CALLER } from '../domain/callers/caller-info.js';
import type { CallerDirectory } from './ports/caller-directory.js';

export type { CallerInfo, EnterpriseInfo } from '../domain/callers/caller-info.js';
export type { CallerDirectory };

export const EMPTY_DIRECTORY: CallerDirectory = { lookup: () => UNKNOWN_CALLER };
