// The channel events file Asterisk appends to for every call (cel_custom.conf) grows without end:
// Asterisk never rotates it. The local runner rotates it at each start once it passes a size, and
// keeps the one before (restart recovery reads both, newest first).
import fs from 'node:fs';

/** About 13,000 answered calls (a call with an agent writes some 5 KB of events). */
export const CALL_EVENTS_ROTATE_BYTES = 64 * 1024 * 1024;

/**
 * Renames `file` to `file.1` (replacing an older one) when it is larger than `maxBytes`. Safe while
 * Asterisk runs: it opens, appends to and closes the file for every event, so the next event simply
 * starts a new file. Returns whether it rotated.
 */
export function rotateCallEvents(file: string, maxBytes = CALL_EVENTS_ROTATE_BYTES): boolean {
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  if (size <= maxBytes) return false;
  fs.renameSync(file, `${file}.1`);
  return true;
}
