// The outbound settings' values (read from the environment by config.ts) checked and typed.
import type { Setting } from './config-setting.js';
import { parseTimeRange } from './domain/calendar/business-hours.js';
import type { RetryPolicy } from './domain/outbound/outbound-protocol.js';
import { parseRetryPolicy } from './domain/outbound/retry-policy.js';

/** Outbound task calls: one trunk ('default'), its dial string and line limit, and the defaults of a task. */
export interface OutboundConfig {
  readonly endpoint: string;
  readonly callerId: string;
  readonly lines: number;
  readonly ringTimeoutSeconds: number;
  readonly retry: RetryPolicy;
  /** Working-day hours as ranges (`08:30-20:30`), or null: always. */
  readonly window: readonly string[] | null;
  readonly leaseMs: number;
}

export const OUTBOUND_SETTINGS: readonly Setting[] = [
  { name: 'HOTLINE_OUTBOUND_ENDPOINT', fallback: 'Local/{number}@demo-outbound', doc: 'How outbound task calls (return visits, sign reminders) are dialed ({number} = the number), e.g. PJSIP/{number}@trunk; the default rings simulated citizens and units in the dialplan.' },
  { name: 'HOTLINE_OUTBOUND_CALLER_ID', fallback: '12345', doc: 'The caller ID outbound task calls show.' },
  { name: 'HOTLINE_OUTBOUND_LINES', fallback: '30', doc: 'Outbound task calls at once on the trunk (kept exactly; 0: outbound calls off).' },
  { name: 'HOTLINE_OUTBOUND_RING_SECONDS', fallback: '30', doc: 'How long an outbound task call rings before it counts as not answered.' },
  { name: 'HOTLINE_OUTBOUND_RETRY', fallback: 'no-answer=30m,2h; busy=5m,15m,30m; unreachable=2h; rejected=; failed=10m; unknown=; max=4', doc: 'The default retry policy of outbound tasks: per cause of a failed attempt the delays before the next ones (s/m/h), and max attempts in all; a task may bring its own.' },
  { name: 'HOTLINE_OUTBOUND_WINDOW', fallback: '08:30-20:30', doc: 'When outbound task calls may ring, China time, on working days of the calendar (make-up days included, holidays not): HH:MM-HH:MM ranges separated by commas, or "always".' },
  { name: 'HOTLINE_OUTBOUND_LEASE_SECONDS', fallback: '60', doc: "How long a server's claim on an outbound task it dials lasts without renewal: a dead server's tasks go to another after this." },
];


const wholeAtLeast = (text: string, min: number): number | null => {
  const value = Number(text);
  return Number.isInteger(value) && value >= min ? value : null;
};

/** The checked settings read by `read` (a setting's text by its full name), or what is wrong with them (config.ts makes it a ConfigError). */
export function parseOutboundConfig(read: (name: string) => string): OutboundConfig | string {
  const names = ['ENDPOINT', 'CALLER_ID', 'LINES', 'RING_SECONDS', 'RETRY', 'WINDOW', 'LEASE_SECONDS'] as const;
  const text = Object.fromEntries(names.map((name) => [name, read(`HOTLINE_OUTBOUND_${name}`)])) as Readonly<Record<(typeof names)[number], string>>;
  if (!/^[A-Za-z]+\/\S*\{number\}\S*$/.test(text.ENDPOINT)) return `HOTLINE_OUTBOUND_ENDPOINT must look like PJSIP/{number}@trunk (with {number}), got "${text.ENDPOINT}"`;
  const retry = parseRetryPolicy(text.RETRY);
  if (!retry.ok) return `HOTLINE_OUTBOUND_RETRY: ${retry.message}`;
  const window = text.WINDOW === 'always' ? null : text.WINDOW.split(',').map((range) => range.trim());
  if (window !== null && window.some((range) => parseTimeRange(range) === null)) return `HOTLINE_OUTBOUND_WINDOW must be HH:MM-HH:MM ranges separated by commas, or "always", got "${text.WINDOW}"`;
  const lines = wholeAtLeast(text.LINES, 0);
  const ring = wholeAtLeast(text.RING_SECONDS, 1);
  const lease = wholeAtLeast(text.LEASE_SECONDS, 1);
  if (lines === null) return `HOTLINE_OUTBOUND_LINES must be a whole number (0 or more), got "${text.LINES}"`;
  if (ring === null) return `HOTLINE_OUTBOUND_RING_SECONDS must be a positive whole number, got "${text.RING_SECONDS}"`;
  if (lease === null) return `HOTLINE_OUTBOUND_LEASE_SECONDS must be a positive whole number, got "${text.LEASE_SECONDS}"`;
  return { endpoint: text.ENDPOINT, callerId: text.CALLER_ID, lines, ringTimeoutSeconds: ring, retry: retry.value, window, leaseMs: lease * 1000 };
}
