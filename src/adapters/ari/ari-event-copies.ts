// Asterisk sends an event once for each application subscribed to its source. When callers are
// spread over several application names on one socket (ari-entry-apps.ts), a bridge holding legs of
// two of them (an agent's line in the first, the caller in another) sends each of its events twice,
// the same message but for `application`. The server must act on each once.
import { createHash } from 'node:crypto';

const APPLICATION_FIELD = /"application"\s*:\s*"(?:[^"\\]|\\.)*"/;

export class AriEventCopies {
  private readonly seen = new Set<string>();
  /** The remembered keys, oldest overwritten first. */
  private readonly ring: (string | undefined)[];
  private next = 0;

  /** `remember`: how many messages back a copy is recognised (copies arrive within one queue's delay). */
  constructor(remember = 4096) {
    this.ring = new Array<string | undefined>(remember);
  }

  /** False for a copy of a message seen before under another application's name. */
  isFirst(text: string): boolean {
    const key = createHash('sha1').update(text.replace(APPLICATION_FIELD, '')).digest('base64');
    if (this.seen.has(key)) return false;
    const oldest = this.ring[this.next];
    if (oldest !== undefined) this.seen.delete(oldest);
    this.ring[this.next] = key;
    this.next = (this.next + 1) % this.ring.length;
    this.seen.add(key);
    return true;
  }
}
