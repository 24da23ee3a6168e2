// Puts the IVR flows compiled into the dialplan where Asterisk reads its dialplan, and has Asterisk
// reload it (prototype, HOTLINE_IVR_IN_DIALPLAN). The last few versions stay in the file, so a caller
// still in an old version's menus after a hot reload finishes there. A version is offered to new
// calls only once Asterisk has reloaded it; until then the server's engine runs the menus.
import fs from 'node:fs';
import path from 'node:path';
import { compileFlowsToDialplan, type CompiledDialplan } from '../../domain/ivr/dialplan-compiler.js';
import type { FlowSet } from '../../domain/ivr/flow-types.js';
import type { Logger } from '../../logging/logger.js';

/** The file beside dialplan/hotline.conf (extensions.conf includes dialplan/*.conf). */
export const COMPILED_MENUS_FILE = 'hotline-ivr-compiled.conf';
/** Versions kept in the file: a call lasts minutes, flows change a few times a day. */
const KEPT_VERSIONS = 4;

export class CompiledMenusInstaller {
  private installed: { readonly flowVersion: number; readonly compiled: CompiledDialplan } | null = null;
  private pending: number | null = null;
  /** The flow set asked for last: installed again when Asterisk's AMI link comes (back) up. */
  private wanted: { readonly flows: FlowSet; readonly afterCall: string | null } | null = null;
  private installing: Promise<void> = Promise.resolve();
  private readonly texts = new Map<string, string>();
  private readonly installedListeners: ((compiled: CompiledDialplan) => void)[] = [];

  constructor(
    private readonly dialplanDir: string,
    /** Asterisk's `dialplan reload` (AMI). */
    private readonly reloadDialplan: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /**
   * The compiled menus (and survey, `afterCall`) of this flow set if Asterisk has them; otherwise
   * starts installing them. The survey comes from the same files as the flows, so the flow set's
   * version names both.
   */
  menusFor(flows: FlowSet, afterCall: string | null = null): CompiledDialplan | null {
    if (this.installed?.flowVersion === flows.version) return this.installed.compiled;
    if (this.pending !== flows.version) {
      this.pending = flows.version;
      const wanted = { flows, afterCall };
      this.wanted = wanted;
      this.installing = this.installing.then(() => this.install(wanted));
    }
    return null;
  }

  /**
   * The AMI link is up (at start, or after Asterisk or the link restarted): install what was asked
   * for again. At start the first attempt usually ran before AMI had logged in; after a restart the
   * Asterisk may have lost the file or the reload. Until the reload is done new calls use the engine.
   */
  linkUp(): void {
    const wanted = this.wanted;
    if (!wanted) return;
    this.installed = null;
    this.installing = this.installing.then(() => this.install(wanted));
  }

  /** Called each time Asterisk has reloaded a version (new flows, or again after the link came back). */
  onInstalled(listener: (compiled: CompiledDialplan) => void): void {
    this.installedListeners.push(listener);
  }

  /** Settles once what was asked so far is installed (or failed and was logged). */
  settled(): Promise<void> {
    return this.installing;
  }

  private async install({ flows, afterCall }: { readonly flows: FlowSet; readonly afterCall: string | null }): Promise<void> {
    try {
      const compiled = compileFlowsToDialplan(flows, afterCall);
      this.texts.delete(compiled.version);
      this.texts.set(compiled.version, compiled.text);
      while (this.texts.size > KEPT_VERSIONS) this.texts.delete(this.texts.keys().next().value ?? '');
      const file = path.join(this.dialplanDir, COMPILED_MENUS_FILE);
      fs.writeFileSync(`${file}.tmp`, [...this.texts.values()].join('\n'), { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
      await this.reloadDialplan();
      this.installed = { flowVersion: flows.version, compiled };
      // A version asked for before newer flows came is installed, but not offered to new callers.
      if (this.wanted?.flows.version === flows.version) for (const listener of this.installedListeners) listener(compiled);
      this.logger.info({ version: compiled.version, flowVersion: flows.version, survey: compiled.survey !== null }, 'IVR menus compiled into the dialplan');
    } catch (error) {
      this.pending = null;
      // At start the flows are ready before AMI has logged in: linkUp() installs them a moment later.
      if ((error as { code?: unknown }).code === 'AMI_NOT_CONNECTED') this.logger.info('the compiled IVR menus wait for the AMI link; the server runs the menus until then');
      else this.logger.error({ err: error }, 'could not install the compiled IVR menus; the server runs the menus');
    }
  }
}
