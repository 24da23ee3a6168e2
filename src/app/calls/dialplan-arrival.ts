// Keeps the compiled menus' own arrival running (dialplan-direct.ts): once a version of the menus is
// installed, the registries, the hours and the language go into the phone system, then the version
// is named in HOTLINE_MENUS_<app> and new callers start in the menus without the server. Hours are written
// again at each change of a schedule, the registries at each reload of their files. New flows clear
// the version first: until they are installed, the server decides at arrival with them.
import type { CallerInfo } from '../../domain/callers/caller-info.js';
import { contentHash, stableJson } from '../../domain/ivr/content-hash.js';
import type { CompiledDialplan } from '../../domain/ivr/dialplan-compiler.js';
import { hoursGlobal, registryEntries, languageGlobal, menusGlobal, nextHoursChange, scheduleFacts } from '../../domain/ivr/dialplan-direct.js';
import type { IvrContext } from '../../domain/ivr/ivr-engine.js';
import type { Logger } from '../../logging/logger.js';
import type { ArrivalFacts } from '../ports/arrival-facts.js';
import type { Timers } from '../ports/timers.js';

/** Hours are written again at least this often, so a calendar change far off is still met on time. */
const MAX_HOURS_WAIT_MS = 60 * 60 * 1000;
/** After the change, not on it: the calendar names the minute the hours turn over. */
const AFTER_CHANGE_MS = 50;

export interface DialplanArrivalDeps {
  /** The server's Stasis application: the globals are its own (dialplan-direct.ts). */
  readonly app: string;
  readonly facts: ArrivalFacts;
  /** Every number the registries hold, with what they know of it. */
  readonly registered: () => ReadonlyMap<string, CallerInfo>;
  readonly setup: () => { readonly ivr: IvrContext; readonly language: string };
  readonly timers: Timers;
  readonly now: () => number;
  readonly logger: Logger;
}

export class DialplanArrival {
  private menus: CompiledDialplan | null = null;
  private publishedCallers: string | null = null;
  private offered: string | null = null;
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly deps: DialplanArrivalDeps) {}

  /** A version of the menus is installed in the phone system (at start, after a reload, after the link came back). */
  menusInstalled(menus: CompiledDialplan): void {
    this.menus = menus;
    this.queue(() => this.offer());
  }

  /** New flows: callers go to the server until their menus are installed. */
  flowsChanged(): void {
    this.menus = null;
    this.deps.timers.cancel('hours');
    this.queue(() => this.withdraw());
  }

  /** The registries' files were read again. */
  registriesChanged(): void {
    if (this.menus) this.queue(() => this.offer());
  }

  /** The phone system's link came back: what it held may be gone with a restart of it. */
  linkUp(): void {
    this.publishedCallers = null;
    this.offered = null;
  }

  /** Settles once what was asked so far is done (or failed and was logged). */
  settled(): Promise<void> {
    return this.work;
  }

  stop(): void {
    this.deps.timers.cancel('hours');
  }

  private queue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => {
      this.deps.logger.warn({ err: error }, 'could not keep the compiled menus\' arrival facts in Asterisk; the server decides at arrival');
      this.offered = null;
      return this.deps.facts.setGlobal(menusGlobal(this.deps.app), '').catch(() => undefined);
    });
  }

  private async offer(): Promise<void> {
    const menus = this.menus;
    if (!menus) return;
    if (!menus.direct || !(await this.deps.facts.canDecide())) return this.withdraw();
    await this.publishCallers();
    const at = this.deps.now();
    const { ivr, language } = this.deps.setup();
    const hours = scheduleFacts(ivr, menus.schedules, at);
    await this.deps.facts.setGlobal(languageGlobal(this.deps.app), language);
    await this.deps.facts.setGlobal(hoursGlobal(this.deps.app), hours.map((fact) => `${fact}/`).join(''));
    if (this.offered !== menus.version) {
      await this.deps.facts.setGlobal(menusGlobal(this.deps.app), menus.version);
      this.offered = menus.version;
      this.deps.logger.info({ version: menus.version }, 'new callers start in the compiled menus without the server');
    }
    const change = nextHoursChange(ivr, menus.schedules, at);
    const wait = change === null ? MAX_HOURS_WAIT_MS : Math.min(MAX_HOURS_WAIT_MS, Math.max(0, change - at) + AFTER_CHANGE_MS);
    this.deps.timers.start('hours', wait, () => this.queue(() => this.offer()));
  }

  private async publishCallers(): Promise<void> {
    const callers = registryEntries(this.deps.registered());
    const version = contentHash(stableJson([...callers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
    if (this.publishedCallers === version) return;
    await this.deps.facts.publishCallers(callers, version);
    this.publishedCallers = version;
    this.deps.logger.info({ version, numbers: callers.size - 1 }, 'caller registries written to Asterisk\'s database for the compiled menus');
  }

  private async withdraw(): Promise<void> {
    if (this.offered === '') return;
    await this.deps.facts.setGlobal(menusGlobal(this.deps.app), '');
    this.offered = '';
  }
}
