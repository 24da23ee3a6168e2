// Overload protection at start: admission control (new callers to the dialplan while the server
// or Asterisk falls behind) and the tickets of the calls the dialplan answered without the server,
// read from Asterisk's records. Either works without the other: with admission off, callers who
// arrive while no server is registered still get their tickets.
import type { AriClient } from '../adapters/ari/ari-client.js';
import { AriAdmissionSwitch } from '../adapters/ari/ari-admission.js';
import { CelDialplanCalls, callEventsFileOf } from '../adapters/cel/index.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import { RegistryLoadSignals } from '../adapters/metrics/load-signals.js';
import type { MetricsRegistry } from '../adapters/metrics/metrics-registry.js';
import { AdmissionControl } from '../app/admission-control.js';
import { DialplanCallTickets } from '../app/dialplan-call-tickets.js';
import type { CallerDirectory } from '../app/ports/caller-directory.js';
import type { TicketRecords } from '../app/ports/ticket-records.js';
import type { Config } from '../config.js';
import type { AdmissionFigures } from '../contract/api/metrics.js';
import type { Logger } from '../logging/logger.js';

/** How often Asterisk's records are read for calls the dialplan answered that ended. */
const RECORDS_POLL_MS = 5000;

export interface OverloadProtection {
  figures(): AdmissionFigures;
  /** Whether new callers are being shed now (the server or Asterisk falls behind). */
  lagging(): boolean;
  /** Stops both; a server stopping while it sheds tells Asterisk to admit (new callers then find no server, as they should). */
  stop(): Promise<void>;
}

export interface ProtectionParts {
  readonly ari: AriClient;
  readonly metrics: MetricsRegistry;
  readonly tickets: TicketRecords;
  /** The registries, for the tickets of callers the server never saw. */
  readonly callers: CallerDirectory;
  readonly logger: Logger;
  /** Recordings of tickets written here, to be watched for (the recording catalog). */
  readonly onRecordings: (names: readonly string[]) => void;
}

export function startOverloadProtection(config: Config, parts: ProtectionParts): OverloadProtection {
  const { ari, metrics, tickets, callers, logger, onRecordings } = parts;
  const timers = new NodeTimers();
  const pbxSwitch = new AriAdmissionSwitch(ari);
  const started = Date.now();
  const file = callEventsFileOf(config);
  // No look-back: the file is followed from its end, nothing before the start is read.
  const lookBack = config.admission.lookBackMs > 0 ? {} : { startBytes: 0 };
  const source = file === null ? null : new CelDialplanCalls({ file, logger, notBefore: started - config.admission.lookBackMs, ...lookBack });
  const dialplanCalls = source ? new DialplanCallTickets({ source, tickets, callers, logger, now: Date.now, onRecordings }) : null;
  if (dialplanCalls) dialplanCalls.start(timers, RECORDS_POLL_MS);
  else logger.warn("Asterisk's call records are not known here (HOTLINE_CALL_EVENTS_FILE): calls answered by the dialplan without the server get no ticket");
  const control = config.admission.mode === 'auto' ? new AdmissionControl({ signals: new RegistryLoadSignals(metrics), pbx: pbxSwitch, settings: config.admission, logger, now: Date.now }) : null;
  // Off: Asterisk is still told to admit, so a mode left by an earlier run does not shed for ever.
  if (!control) void pbxSwitch.setAdmission('admit').catch(() => undefined);
  control?.start(timers);
  // The line limit holds whatever the mode; told again at every connection (an Asterisk restarted has lost it).
  const tellLineLimit = (): void => {
    pbxSwitch.setLineLimit(config.admission.maxCalls).then(
      () => logger.info({ maxCalls: config.admission.maxCalls }, config.admission.maxCalls > 0 ? 'line limit set in Asterisk: callers beyond it hear that every line is busy' : 'no line limit in Asterisk'),
      (error: unknown) => logger.warn({ err: error }, 'could not set the line limit in Asterisk (HOTLINE_MAX_CALLS); told again at the next connection'),
    );
  };
  tellLineLimit();
  ari.on('connected', () => {
    control?.pbxConnected();
    tellLineLimit();
  });
  return {
    lagging: () => control?.status().mode === 'shed',
    figures: () => {
      const status = control?.status();
      return {
        setting: config.admission.mode,
        mode: status?.mode ?? 'admit',
        since: new Date(status?.since ?? started).toISOString(),
        applied: status?.applied ?? null,
        sheds: status?.sheds ?? 0,
        lastReason: status?.lastDecision?.reason ?? null,
        maxCalls: config.admission.maxCalls,
        dialplanCalls: {
          readable: source !== null,
          open: source?.open ?? 0,
          shed: dialplanCalls?.written.shed ?? 0,
          serverAway: dialplanCalls?.written['server-away'] ?? 0,
          menusLeft: dialplanCalls?.written['menus-left'] ?? 0,
          busy: dialplanCalls?.written.busy ?? 0,
        },
      };
    },
    stop: async () => {
      const shedding = control?.status().applied === 'shed';
      control?.stop(timers);
      dialplanCalls?.stop(timers);
      timers.cancelAll();
      // Best effort: a stopped server's callers are marked server-away, not shed. A slow Asterisk does not hold the stop.
      if (shedding) await Promise.race([pbxSwitch.setAdmission('admit').catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
