// One line of the channel events Asterisk appends to hotline-cel.csv (asterisk-docker/etc/
// cel_custom.conf): its fields, or undefined for a line that is not one (cut short, garbage).

/** The `fields` of cel_custom.conf's mapping, in the order the columns are read below (a test holds the two together). */
export const CEL_FIELDS = 'EventType,EventTime,UniqueID,LinkedID,ChanName,Peer,EventExtra';

export interface CelEvent {
  /** CHAN_START, ANSWER, BRIDGE_ENTER, BRIDGE_EXIT, HANGUP, CHAN_END, LINKEDID_END, … */
  readonly type: string;
  /** Milliseconds since the epoch (Asterisk writes seconds with microseconds). */
  readonly at: number;
  readonly uniqueId: string;
  readonly linkedId: string;
  readonly channel: string;
  /** The other channels in the bridge, by name, when there are any. */
  readonly peer: string;
  /** JSON text, or empty. */
  readonly extra: string;
}

const COLUMNS = CEL_FIELDS.split(',').length;

/** Reads one quoted field from `start` (the opening quote); returns it and where the next begins, or undefined. */
function quotedField(line: string, start: number): { value: string; next: number } | undefined {
  let value = '';
  let i = start + 1;
  for (;;) {
    const quote = line.indexOf('"', i);
    if (quote < 0) return undefined;
    value += line.slice(i, quote);
    if (line[quote + 1] !== '"') return { value, next: quote + 1 };
    value += '"';
    i = quote + 2;
  }
}

/**
 * Splits a comma-separated line whose fields may be quoted ("…", quotes doubled inside), as the
 * mapping writes them; undefined when a quote is left open or stray text follows one.
 */
export function splitCsv(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      const field = quotedField(line, i);
      if (!field) return undefined;
      fields.push(field.value);
      i = field.next;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (i === line.length) return fields;
    if (line[i] !== ',') return undefined;
    i += 1;
  }
}

export function parseCelLine(line: string): CelEvent | undefined {
  const fields = splitCsv(line.endsWith('\r') ? line.slice(0, -1) : line);
  if (!fields || fields.length !== COLUMNS) return undefined;
  const [type, time, uniqueId, linkedId, channel, peer, extra] = fields as [string, string, string, string, string, string, string];
  // "<seconds>.<microseconds>": cel.conf sets no dateformat, so no time zone is involved.
  if (!/^[A-Z][A-Z_]*$/.test(type) || !/^\d{9,}(\.\d{1,6})?$/.test(time) || uniqueId === '') return undefined;
  // Whole milliseconds: the times end in bigint columns (PostgreSQL refuses a fraction; SQLite kept it).
  return { type, at: Math.round(Number(time) * 1000), uniqueId, linkedId, channel, peer, extra };
}

/** What the events the recovery reads carry in their extra JSON; fields absent when missing or malformed. */
export interface CelExtra {
  readonly hangupCause?: number;
  readonly bridgeId?: string;
}

export function celExtra(event: CelEvent): CelExtra {
  if (event.extra === '') return {};
  try {
    const json: unknown = JSON.parse(event.extra);
    if (typeof json !== 'object' || json === null) return {};
    const { hangupcause: cause, bridge_id: bridge } = json as Record<string, unknown>;
    return { ...(typeof cause === 'number' ? { hangupCause: cause } : {}), ...(typeof bridge === 'string' ? { bridgeId: bridge } : {}) };
  } catch {
    return {};
  }
}
