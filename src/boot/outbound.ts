// Outbound task calls, put together: the engine's one trunk with its line limit and calling window on
// the working-day calendar, the store, the PBX, and the live calls that run the answered calls.
import { asteriskRecordsFor } from '../adapters/cel/index.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import type { LiveCalls } from '../app/calls/live-calls.js';
import { OutboundService } from '../app/outbound/outbound-service.js';
import type { TelephonyPort } from '../app/ports/telephony.js';
import type { Config } from '../config.js';
import { ALWAYS_OPEN, parseTimeRange, type TimeRange } from '../domain/calendar/business-hours.js';
import type { WorkingCalendar } from '../domain/calendar/china-calendar.js';
import { windowLookup, type CallingWindow } from '../domain/outbound/calling-window.js';
import type { Logger } from '../logging/logger.js';
import type { Storage } from './storage.js';

/** The trunk every task of a single box is dialed on, and the window it is called in by default. */
export const DEFAULT_TRUNK = 'default';
export const DEFAULT_WINDOW = 'default';
/** Units' contacts are on duty around the clock: their reminder calls ring at any hour. */
export const ANY_HOUR_WINDOW = 'any-hour';
/** How often a cluster's server running a PBX reads the shared store for tasks another server stored. */
export const OUTBOUND_REFRESH_MS = 10_000;
/** The lease owner of a single box: the same name after a restart, so it reconciles its own attempts. */
const SINGLE_BOX_OWNER = 'single-box';

function callingWindow(ranges: readonly string[] | null): CallingWindow {
  if (ranges === null) return ALWAYS_OPEN;
  const workingDay = ranges.map((range) => parseTimeRange(range)).filter((range): range is TimeRange => range !== null);
  return { always: false, workingDay, nonWorkingDay: [], holidays: {}, dates: {} };
}

export interface OutboundParts {
  readonly storage: Storage;
  readonly telephony: TelephonyPort;
  readonly callService: LiveCalls;
  readonly calendar: WorkingCalendar;
  readonly logger: Logger;
  /** The clock of the tasks' times and windows (a test may move it). */
  readonly now?: () => number;
}

/** Built and attached to the live calls; `start()` reads the open tasks once the PBX answers. */
export function outboundService(config: Config, parts: OutboundParts): OutboundService {
  const settings = config.outbound;
  const records = asteriskRecordsFor(config, parts.logger);
  const service = new OutboundService({
    // A cluster's server gets its lines once it runs its PBX (runLines, at the PBX's takeover); until then it only stores tasks.
    engine: { lineLimits: { [DEFAULT_TRUNK]: config.cluster === null ? settings.lines : 0 }, windows: windowLookup(parts.calendar, { [DEFAULT_WINDOW]: callingWindow(settings.window), [ANY_HOUR_WINDOW]: ALWAYS_OPEN }) },
    store: parts.storage.callTasks,
    telephony: parts.telephony,
    timers: new NodeTimers(),
    now: parts.now ?? Date.now,
    logger: parts.logger.child({ component: 'outbound' }),
    // Asterisk's records tell how a channel left by a dead server hung up (busy, no answer…).
    ...(records ? { records } : {}),
    settings: { owner: config.cluster?.node ?? SINGLE_BOX_OWNER, leaseMs: settings.leaseMs, endpoints: { [DEFAULT_TRUNK]: settings.endpoint }, callerId: settings.callerId, ringTimeoutSeconds: settings.ringTimeoutSeconds },
  });
  parts.callService.attachOutbound(service);
  return service;
}
