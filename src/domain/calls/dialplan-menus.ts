// Menus run by Asterisk (the flows compiled into the dialplan, a prototype behind
// HOTLINE_IVR_IN_DIALPLAN): what the server decides at arrival before letting the dialplan run them,
// and what the dialplan hands back when it gives the call to the server again; the same for the
// survey after the conversation, which the dialplan ends with the line.
import type { CallerInfo } from '../callers/caller-info.js';
import { arrivalContext, entryKey } from '../ivr/dialplan-compiler.js';
import { surveyArrivalContext } from '../ivr/dialplan-survey.js';
import { encodePath } from '../ivr/dialplan-path.js';
import { factName } from '../ivr/dialplan-nodes.js';
import { callerFactNames, scheduleFacts } from '../ivr/dialplan-direct.js';
import { initialState, startIvr } from '../ivr/ivr-engine.js';
import type { CallerProfile, IvrState } from '../ivr/ivr-protocol.js';
import type { IvrStep } from './call-facts.js';
import type { CompiledDialplan } from '../ivr/dialplan-compiler.js';
import type { IvrContext } from '../ivr/ivr-engine.js';

/** What the compiled menus hand back (StasisStart args ivr=queued|resume). */
export type MenusFromDialplan =
  | { readonly kind: 'queued'; readonly version: string; readonly queue: string; readonly priority: string | null; readonly skills: readonly string[]; readonly path: readonly IvrStep[] }
  | { readonly kind: 'resume'; readonly version: string; readonly flow: string; readonly node: string; readonly path: readonly IvrStep[] };

/** Where the server continues a new call, and the facts it decided for the menus. */
export interface DialplanEntry {
  readonly context: string;
  /** The extension: the context of the node the engine stopped at. */
  readonly extension: string;
  readonly language: string;
  /** Registries, dialed number, open schedules and when each next changes, decided now (see dialplan-compiler.ts). */
  readonly facts: readonly string[];
  /** The steps the engine took before the first prompt, in the dialplan's words. */
  readonly path: string;
}

/** What of a call's setup the decision needs (a CallSetup has it). */
interface MenusSetup {
  readonly ivr: IvrContext;
  readonly language: string;
  readonly dialplanMenus?: CompiledDialplan | null;
}

interface ArrivingCall {
  readonly callerNumber: string;
  readonly dialedNumber: string;
  readonly at: number;
}

/**
 * The engine runs the nodes before the first prompt (branches on registries and the number dialed,
 * hours); if it stops at a node the dialplan has, the call continues there. Null: the server's engine
 * runs the menus as usual (switch off, flows not installed yet, or a first node the dialplan lacks).
 */
export function dialplanEntry(setup: MenusSetup, call: ArrivingCall, caller: CallerInfo, entryFlow: string): DialplanEntry | null {
  const compiled = setup.dialplanMenus;
  if (!compiled) return null;
  const anonymous = call.callerNumber === 'anonymous';
  const profile: CallerProfile = { number: call.callerNumber, dialed: call.dialedNumber, elderly: caller.elderly, enterprise: caller.enterprise, anonymous };
  const { state } = startIvr(setup.ivr, profile, entryFlow, call.at, setup.language);
  if (state.status !== 'running' || state.wait.kind !== 'prompts') return null;
  const extension = compiled.contexts[entryKey(state.flowId, state.nodeId, state.globalKeys)];
  const last = state.path.at(-1);
  if (!extension || last?.kind !== 'node') return null;
  return { context: arrivalContext(compiled.version), extension, language: state.language, facts: facts(setup, profile, call.at, compiled.schedules), path: encodePath(state.path.slice(0, -1)) };
}

function facts(setup: MenusSetup, profile: CallerProfile, at: number, schedules: readonly string[]): string[] {
  return [...callerFactNames(profile, profile.anonymous), factName({ dialed: profile.dialed }) ?? '', ...scheduleFacts(setup.ivr, schedules, at)];
}

/** The engine's state once the compiled menus queued the call: done, with their path. */
export function queuedState(menus: Extract<MenusFromDialplan, { kind: 'queued' }>, profile: CallerProfile, language: string): IvrState {
  const lastNode = [...menus.path].reverse().find((step) => step.kind === 'node');
  return {
    ...initialState(profile, lastNode?.kind === 'node' ? lastNode.flow : '', language),
    nodeId: lastNode?.kind === 'node' ? lastNode.node : '',
    path: menus.path,
    status: 'done',
    outcome: { kind: 'queued', queue: menus.queue, priority: menus.priority, skills: menus.skills },
    seq: menus.path.length,
  };
}

/** Where the server lets a caller into the compiled survey, or null when the server's engine runs it. */
export function surveyEntry(setup: MenusSetup, profile: CallerProfile, at: number): DialplanEntry | null {
  const compiled = setup.dialplanMenus;
  if (!compiled?.survey) return null;
  return { context: surveyArrivalContext(compiled.version), extension: compiled.survey, language: setup.language, facts: facts(setup, profile, at, compiled.schedules), path: '' };
}

/** The engine's state once the compiled survey ended: done, with its path and the variables it set. */
export function surveyEndedState(flowId: string, path: readonly IvrStep[], variables: Readonly<Record<string, string>>, profile: CallerProfile, language: string): IvrState {
  const lastNode = [...path].reverse().find((step) => step.kind === 'node');
  return {
    ...initialState(profile, flowId, language),
    nodeId: lastNode?.kind === 'node' ? lastNode.node : '',
    path,
    variables,
    status: 'done',
    outcome: { kind: 'hangup' },
    seq: path.length,
  };
}
