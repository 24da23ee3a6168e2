// The head of one SIP message as a browser phone sends it over WebSocket (one message per frame,
// RFC 7118): its start line and the few headers the relay judges it by. Not a SIP parser: enough
// to tell a request from a response and whose phone it claims to be, and to answer it.

export interface SipRequestHead {
  readonly kind: 'request';
  readonly method: string;
  /** Header name (lower case, compact forms expanded) → its values in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
}

export interface SipResponseHead {
  readonly kind: 'response';
  readonly status: number;
}

export type SipHead = SipRequestHead | SipResponseHead;

const COMPACT: Readonly<Record<string, string>> = { f: 'from', t: 'to', i: 'call-id', v: 'via', m: 'contact', l: 'content-length' };
const REQUEST_LINE = /^([A-Z]+) (\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 (\d{3}) /;

/** Header lines with folded continuations joined to their header. */
function headerLines(text: string): string[] {
  const end = text.search(/\r?\n\r?\n/);
  const lines = (end < 0 ? text : text.slice(0, end)).split(/\r?\n/);
  const joined: string[] = [];
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line) && joined.length > 0) joined[joined.length - 1] += ` ${line.trim()}`;
    else joined.push(line);
  }
  return joined;
}

function readHeaders(lines: readonly string[]): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    // Via may list several hops in one line; each is answered back as it came.
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/** The message's head, or null when its start line is neither a request's nor a response's. */
export function readSipHead(text: string): SipHead | null {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const status = STATUS_LINE.exec(firstLine);
  if (status) return { kind: 'response', status: Number(status[1]) };
  const request = REQUEST_LINE.exec(firstLine);
  if (!request?.[1]) return null;
  return { kind: 'request', method: request[1], headers: readHeaders(headerLines(text)) };
}

/**
 * The user part of a From or To header's URI (`"Name" <sip:user@host>;tag=…` or `sip:user@host`),
 * percent-decoded as a SIP stack compares it; null when there is none or it cannot be decoded.
 */
export function sipUserOf(headerValue: string): string | null {
  const open = headerValue.indexOf('<');
  const uri = open >= 0 ? headerValue.slice(open + 1, headerValue.indexOf('>', open)) : (headerValue.split(';')[0] ?? '');
  const user = /^sips?:([^@;?]+)@/i.exec(uri.trim())?.[1];
  if (user === undefined) return null;
  try {
    return decodeURIComponent(user);
  } catch {
    return null;
  }
}
