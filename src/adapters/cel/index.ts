// Asterisk's channel event records (cel_custom.conf), read after a restart.
import type { Config } from '../../config.js';
import { pbxLayout } from '../../local-pbx/pbx-layout.js';
import type { Logger } from '../../logging/logger.js';
import { CelRecords } from './cel-records.js';

export { CelRecords, recordedStep, type CelRecordsOptions } from './cel-records.js';
export { CelDialplanCalls, type CelDialplanCallsOptions } from './dialplan-call-source.js';
export { parseCelLine, celExtra, splitCsv, type CelEvent } from './cel-line.js';

/**
 * The records of the Asterisk this server drives, when this machine can read them: the local
 * runner's file inside its root. An external Asterisk's file is not known here (yet), so its
 * calls left by a killed server are closed from what was saved, as before.
 */
export function asteriskRecordsFor(config: Config, logger: Logger): CelRecords | undefined {
  const file = callEventsFileOf(config);
  return file === null ? undefined : new CelRecords({ file, logger });
}

/** Asterisk's channel event file as this machine sees it, or null when it is not known here. */
export function callEventsFileOf(config: Config): string | null {
  return config.callEventsFile ?? (config.pbxMode === 'local' ? pbxLayout(config.localPbx).callEventsFile : null);
}
