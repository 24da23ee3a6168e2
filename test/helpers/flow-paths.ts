// Every path a caller can take through a shipped flow, generated from the flow graph by the engine
// itself: at each menu every option, every global key in effect, one wrong key and silence, through
// every retry, until the call leaves the menus. Each path is a caller's script (which key, after
// which prompt) and what the engine says happens.
import type { IvrStep } from '../../src/domain/calls/call-facts.js';
import { activeGlobalKeys } from '../../src/domain/ivr/global-keys.js';
import { startIvr, stepIvr, type IvrContext } from '../../src/domain/ivr/ivr-engine.js';
import type { CallerProfile, IvrState, StepResult } from '../../src/domain/ivr/ivr-protocol.js';

/** After `prompt` finished (the menu listens): press `key`, or stay silent (null). */
export interface ScriptAction {
  readonly prompt: string;
  readonly key: string | null;
}

export interface FlowPath {
  readonly actions: readonly ScriptAction[];
  readonly path: readonly IvrStep[];
  readonly outcome: IvrState['outcome'];
  /** Every prompt the engine asked to play, in order (a retry's extra prompt too, which the path does not name). */
  readonly heard: readonly string[];
  /** The flow's variables at the end (a survey's rating). */
  readonly variables: IvrState['variables'];
}

const WRONG_KEYS = ['9', '8', '7', '*', '#'];

export function everyPath(ctx: IvrContext, caller: CallerProfile, flowId: string, language = 'zh-CN'): FlowPath[] {
  const paths: FlowPath[] = [];
  let at = 1_000_000;
  const walk = ({ state, commands }: StepResult, actions: ScriptAction[], heard: readonly string[]): void => {
    const played = [...heard, ...commands.flatMap((command) => (command.type === 'PlayPrompts' ? command.prompts.filter((sound): sound is string => typeof sound === 'string') : []))];
    if (state.status === 'done') return void paths.push({ actions, path: state.path, outcome: state.outcome, variables: state.variables, heard: played });
    const wait = state.wait;
    at += 1000;
    if (wait.kind === 'prompts') return walk(stepIvr(ctx, state, { type: 'PromptsFinished', token: wait.token, at, outcome: 'played' }), actions, played);
    const node = ctx.flows.flows.get(state.flowId)?.nodes[state.nodeId];
    if (wait.kind !== 'keys' || node?.type !== 'menu') throw new Error(`the walk cannot go on at ${state.flowId}:${state.nodeId}`);
    const globals = activeGlobalKeys(ctx.flows, state.globalKeys, state.flowId).map(([key]) => key);
    const keys = [...new Set([...Object.keys(node.options), ...globals])];
    const wrong = WRONG_KEYS.find((key) => !keys.includes(key));
    for (const key of [...keys, ...(wrong ? [wrong] : [])]) {
      walk(stepIvr(ctx, state, { type: 'KeyPressed', key, at }), [...actions, { prompt: node.prompt, key }], played);
    }
    walk(stepIvr(ctx, state, { type: 'TimerFired', token: wait.token, at }), [...actions, { prompt: node.prompt, key: null }], played);
  };
  walk(startIvr(ctx, caller, flowId, at, language), [], []);
  return paths;
}
