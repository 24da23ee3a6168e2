// The compiled menus' arrival facts kept in Asterisk over AMI (app's ArrivalFacts port): globals with
// Setvar, the registries with DBPut under keys per version, switched over by one key
// (dialplan-direct.ts), so a caller arriving while a new version is written reads the old one whole.
import { activeCallersKey, CALLERS_FAMILY, callersKey } from '../../domain/ivr/dialplan-direct.js';
import type { ArrivalFacts } from '../../app/ports/arrival-facts.js';
import type { AmiClient } from './ami-client.js';
import { AmiError } from './ami-error.js';
import { fieldString } from './ami-message.js';

/** DBPut actions in flight at once: a registry of a million numbers is written in minutes, not hours, without flooding the link. */
const PUTS_IN_FLIGHT = 64;
/** The dialplan functions the arrival reads: DB() and DIALPLAN_EXISTS(). */
const MODULES = ['func_db.so', 'func_dialplan.so'] as const;

type Ami = Pick<AmiClient, 'action' | 'actionList' | 'commandOutput'>;

export class AmiArrivalFacts implements ArrivalFacts {
  constructor(
    private readonly ami: Ami,
    /** The server's Stasis application: its registries' keys are apart from other servers' on the same Asterisk. */
    private readonly app: string,
  ) {}

  async setGlobal(name: string, value: string): Promise<void> {
    await this.ami.action({ Action: 'Setvar', Variable: name, Value: value });
  }

  async publishCallers(callers: ReadonlyMap<string, string>, version: string): Promise<void> {
    const previous = await this.activeVersion();
    if (previous === version) return;
    const prefix = callersKey(this.app, version);
    const entries = [...callers];
    for (let from = 0; from < entries.length; from += PUTS_IN_FLIGHT) {
      await Promise.all(entries.slice(from, from + PUTS_IN_FLIGHT).map(([number, facts]) => this.ami.action({ Action: 'DBPut', Family: CALLERS_FAMILY, Key: `${prefix}/${number}`, Val: facts })));
    }
    await this.ami.action({ Action: 'DBPut', Family: CALLERS_FAMILY, Key: activeCallersKey(this.app), Val: version });
    // Empty registries wrote no key: nothing to delete (Asterisk answers with an error then).
    if (previous !== null) await this.ami.action({ Action: 'DBDelTree', Family: CALLERS_FAMILY, Key: callersKey(this.app, previous) }).catch(() => undefined);
  }

  async canDecide(): Promise<boolean> {
    for (const module of MODULES) {
      const { lines } = await this.ami.commandOutput(`module show like ${module}`);
      if (!lines.some((line) => line.startsWith(module) && /\bRunning\b/.test(line))) return false;
    }
    return true;
  }

  /** The registries' version in force, or null when none was ever written (Asterisk says "not found"). */
  private async activeVersion(): Promise<string | null> {
    try {
      const { events } = await this.ami.actionList({ Action: 'DBGet', Family: CALLERS_FAMILY, Key: activeCallersKey(this.app) }, 'DBGetComplete');
      const found = events.find((event) => event.name === 'DBGetResponse');
      return found ? (fieldString(found.fields, 'val') ?? null) : null;
    } catch (error) {
      if (error instanceof AmiError && error.code === 'AMI_ACTION_FAILED') return null;
      throw error;
    }
  }
}
