// Our own ids for channels Asterisk named itself. A channel originated with an id of ours
// (`channelId`) costs Asterisk 22, as Debian builds it, a walk of every channel, each one locked,
// while it holds the lock of the whole channel container for writing (channel.c, do_ids_conflict):
// under load one busy channel's lock holds that walk, and with it every new caller's INVITE, every
// hang-up and every lookup by name, for up to seconds. So the agents' legs are originated without
// an id, and the id Asterisk gave is aliased to the leg's own id here: requests name the channel
// as Asterisk knows it, events, replies and arguments tell of it as the server knows it. The rest
// of the server never sees Asterisk's id of an aliased channel.
import type { AriQueryValue } from './ari-http.js';

const CHANNEL_SOURCE = 'channel:';
/** The Stasis argument that names an aliased channel by our id (`leg=<ours>`). */
export const LEG_ARGUMENT = 'leg=';
/** The first segment of a path below the base URL: `/channels/<id>…`. */
const CHANNEL_PATH = /^\/channels\/([^/?]+)(.*)$/;
/** Query parameters whose values are channel ids (comma-separated lists allowed), or `channel:<id>` sources. */
const CHANNEL_QUERY_KEYS = new Set(['channel', 'eventSource']);

export class ChannelAliases {
  /** Asterisk's id → ours. */
  private readonly ours = new Map<string, string>();
  /** Ours → Asterisk's id. */
  private readonly asterisks = new Map<string, string>();

  get size(): number {
    return this.ours.size;
  }

  /** From now on `asterisk` (Asterisk's id of the channel) is told as `ours`, and `ours` asked as `asterisk`. */
  add(ours: string, asterisk: string): void {
    if (ours === asterisk) return;
    this.ours.set(asterisk, ours);
    this.asterisks.set(ours, asterisk);
  }

  /** The channel is gone: its ids are forgotten (a later channel never takes them). */
  forget(asterisk: string): void {
    const ours = this.ours.get(asterisk);
    if (ours === undefined) return;
    this.ours.delete(asterisk);
    this.asterisks.delete(ours);
  }

  clear(): void {
    this.ours.clear();
    this.asterisks.clear();
  }

  /** Ours of an Asterisk id, or the id itself when it has none. */
  oursOf(asterisk: string): string {
    return this.ours.get(asterisk) ?? asterisk;
  }

  /** Asterisk's id of one of ours, or the id itself when it has none. */
  asteriskOf(id: string): string {
    return this.asterisks.get(id) ?? id;
  }

  /** The path with the channel it names as Asterisk knows it (the path's ids are URI-encoded). */
  pathOut(path: string): string {
    if (this.asterisks.size === 0) return path;
    const match = CHANNEL_PATH.exec(path);
    if (!match) return path;
    const id = decodeURIComponent(match[1] ?? '');
    const asterisk = this.asterisks.get(id);
    return asterisk === undefined ? path : `/channels/${encodeURIComponent(asterisk)}${match[2] ?? ''}`;
  }

  /** The query with its channel ids (`channel=a,b`, `eventSource=channel:a`) as Asterisk knows them. */
  queryOut<Q extends Readonly<Record<string, AriQueryValue>> | undefined>(query: Q): Q {
    if (this.asterisks.size === 0 || query === undefined) return query;
    let changed = false;
    const out: Record<string, AriQueryValue> = { ...query };
    for (const key of CHANNEL_QUERY_KEYS) {
      const value = query[key];
      if (value === undefined) continue;
      const mapped = Array.isArray(value) ? value.map((v: string) => this.valueOut(v)) : typeof value === 'string' ? this.valueOut(value) : value;
      if (JSON.stringify(mapped) !== JSON.stringify(value)) {
        out[key] = mapped;
        changed = true;
      }
    }
    return changed ? (out as Q) : query;
  }

  /**
   * What Asterisk sent (an event, a reply), with every mention of an aliased channel as ours: an
   * id as a whole string value (a channel's id, a bridge's list of channels), or a source
   * `channel:<id>` (a playback's or recording's target). A new object where anything changed.
   */
  in<T>(value: T): T {
    return this.ours.size === 0 ? value : (this.mapIn(value) as T);
  }

  private valueOut(value: string): string {
    if (value.startsWith(CHANNEL_SOURCE)) return `${CHANNEL_SOURCE}${this.asteriskOf(value.slice(CHANNEL_SOURCE.length))}`;
    return value
      .split(',')
      .map((id) => this.asteriskOf(id))
      .join(',');
  }

  private mapIn(value: unknown): unknown {
    if (typeof value === 'string') {
      const ours = this.ours.get(value);
      if (ours !== undefined) return ours;
      if (value.startsWith(CHANNEL_SOURCE)) {
        const target = this.ours.get(value.slice(CHANNEL_SOURCE.length));
        if (target !== undefined) return `${CHANNEL_SOURCE}${target}`;
      }
      return value;
    }
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((item: unknown) => {
        const mapped = this.mapIn(item);
        if (mapped !== item) changed = true;
        return mapped;
      });
      return changed ? out : value;
    }
    if (value !== null && typeof value === 'object') {
      let out: Record<string, unknown> | null = null;
      for (const [key, item] of Object.entries(value)) {
        const mapped = this.mapIn(item);
        if (mapped !== item) {
          out ??= { ...(value as Record<string, unknown>) };
          out[key] = mapped;
        }
      }
      return out ?? value;
    }
    return value;
  }
}
