// The call side of the server, put together: the live calls with their ticket writer, fed by the
// ACD's one sink, each call with its own timers and the flows in force when it arrives.
import type { AmiClient } from '../adapters/ami/index.js';
import { CompiledMenusInstaller } from '../adapters/dialplan/compiled-menus-installer.js';
import { AmiArrivalFacts } from '../adapters/ami/ami-arrival-facts.js';
import type { FileCallerDirectory } from '../adapters/registries/caller-registry.js';
import { DialplanArrival } from '../app/calls/dialplan-arrival.js';
import { menusGlobal } from '../domain/ivr/dialplan-direct.js';
import type { PbxConnection } from './pbx-resolution.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import type { FlowRepository } from '../adapters/flows/flow-repository.js';
import type { Acd } from '../app/ports/acd.js';
import { LiveCalls } from '../app/calls/live-calls.js';
import { TicketWriter } from '../app/calls/ticket-writer.js';
import type { CallerDirectory } from '../app/ports/caller-directory.js';
import type { CallRecords } from '../app/ports/call-records.js';
import type { TelephonyPort } from '../app/ports/telephony.js';
import type { SpeechPort } from '../app/ports/speech.js';
import { EspeakSpeech } from '../adapters/speech/espeak-speech.js';
import type { TicketRecords } from '../app/ports/ticket-records.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { agentPhones, type AgentPhoneStates } from './agent-phones.js';

export interface LiveCallsParts {
  readonly telephony: TelephonyPort;
  readonly speech: SpeechPort | null;
  readonly calls: CallRecords;
  readonly tickets: TicketRecords;
  readonly flows: FlowRepository;
  readonly directory: CallerDirectory;
  readonly acd: Acd;
  readonly logger: Logger;
  readonly compiledMenus: CompiledMenusInstaller | null;
  /** The agents' browser phones and lines now (they take calls before the handsets). */
  readonly phoneStates: AgentPhoneStates;
  /** Whether overload protection is shedding new callers now. */
  readonly systemLagging: () => boolean;
}

/** The compiled-menus prototype, when switched on and this machine can write Asterisk's dialplan. */
export function compiledMenusInstaller(config: Config, pbx: PbxConnection, ami: AmiClient, logger: Logger): CompiledMenusInstaller | null {
  if (!config.ivrInDialplan) return null;
  if (!pbx.dialplanDir) {
    logger.warn('HOTLINE_IVR_IN_DIALPLAN is on but Asterisk\'s dialplan folder is not known here (local PBX only): the server runs the menus');
    return null;
  }
  const installer = new CompiledMenusInstaller(pbx.dialplanDir, () => ami.command('dialplan reload'), logger);
  ami.onLinkUp(() => installer.linkUp());
  return installer;
}

/**
 * The compiled menus' own arrival (dialplan-direct.ts): the registries, hours and language kept in
 * Asterisk, and the version new callers start in. Without compiled menus the version is cleared, so
 * callers never start in menus an earlier server left in Asterisk.
 */
export function startDialplanArrival(installer: CompiledMenusInstaller | null, parts: { readonly ami: AmiClient; readonly directory: FileCallerDirectory; readonly flows: FlowRepository; readonly app: string; readonly language: string; readonly logger: Logger }): DialplanArrival | null {
  const { ami, directory, flows, logger } = parts;
  const facts = new AmiArrivalFacts(ami, parts.app);
  if (!installer) {
    ami.onLinkUp(() => void facts.setGlobal(menusGlobal(parts.app), '').catch((error: unknown) => logger.warn({ err: error }, 'could not clear HOTLINE_MENUS_<app>')));
    return null;
  }
  const arrival = new DialplanArrival({
    app: parts.app,
    facts,
    registered: () => directory.registered(),
    setup: () => ({ ivr: flows.snapshot(), language: parts.language }),
    timers: new NodeTimers(),
    now: Date.now,
    logger,
  });
  // The installer reinstalls at the same moment and waits for Asterisk's reload: the link's state is reset by then.
  ami.onLinkUp(() => arrival.linkUp());
  installer.onInstalled((compiled) => arrival.menusInstalled(compiled));
  directory.onReload(() => arrival.registriesChanged());
  flows.onReload(() => {
    arrival.flowsChanged();
    installer.menusFor(flows.snapshot().flows, flows.current.afterCall);
  });
  return arrival;
}

/** Text of say nodes is spoken where this machine can write a folder Asterisk reads; elsewhere it is left out. */
export function speechFor(pbx: PbxConnection, logger: Logger): SpeechPort | null {
  if (pbx.speech) return new EspeakSpeech(pbx.speech);
  logger.info('no folder for spoken text (HOTLINE_SPEECH_DIR, external PBX): text in say nodes is left out, their prompts and numbers are played');
  return null;
}

export function startLiveCalls(config: Config, parts: LiveCallsParts): LiveCalls {
  const { acd, flows, logger } = parts;
  const live = new LiveCalls({
    telephony: parts.telephony,
    speech: parts.speech,
    logger,
    now: Date.now,
    setup: () => {
      const ivr = flows.snapshot();
      return { ivr, language: config.promptLanguage, afterCallFlow: flows.current.afterCall, dialplanMenus: parts.compiledMenus?.menusFor(ivr.flows, flows.current.afterCall) ?? null };
    },
    directory: parts.directory,
    phoneFor: agentPhones(config, acd, parts.phoneStates),
    tellAcd: (event) => acd.tell(event),
    systemLagging: parts.systemLagging,
    timers: () => new NodeTimers(),
    writer: new TicketWriter({ calls: parts.calls, tickets: parts.tickets, logger, now: Date.now, timers: new NodeTimers() }),
    queueExists: (queueId) => acd.hasQueue(queueId),
    agentStatus: (agentId) => {
      if (!acd.agents.has(agentId)) return 'unknown';
      const state = acd.agentState(agentId)?.state;
      return state === undefined || state === 'logged_out' ? 'logged_out' : 'logged_in';
    },
  });
  acd.attach((command) => live.acdDecided(command));
  // Compiled and installed at start, so the first calls can already use them.
  parts.compiledMenus?.menusFor(flows.snapshot().flows, flows.current.afterCall);
  return live;
}
