// Compiles a checked flow set into dialplan contexts that Asterisk runs itself (a prototype, off by
// default: HOTLINE_IVR_IN_DIALPLAN). The flows stay the one source of truth; this is a second way to
// run them. Pure: flow set in, extensions.conf text out.
//
// Context names carry a short hash of the flow set (`ivr-<hash>-<flow>-<node>`): a hot reload adds a
// new version beside the old ones, and a caller already in an old version's menus finishes there.
// A node reached with different global keys in effect (the enterprise desk dialed directly has no
// elderly key; reached from the main menu it has) gets a context per set of keys (`-g1`, …).
//
// What the server decides and what Asterisk runs:
// - At arrival the dialplan starts the caller at the entry flow's first node itself, with
//   HOTLINE_FACTS (registries, dialed number, and which schedules are open now) read from what the
//   server keeps in Asterisk (dialplan-direct.ts); branch and hours nodes read them. While it cannot
//   (HOTLINE_MENUS_<app> empty), the server runs the engine over the nodes before the first prompt and
//   continues the channel into the compiled context of the node it stopped at, with the same facts.
// - Menus, plays without barge-in, branches on caller/dialed/language, hours, goto: compiled.
// - A queue node hands the call back to the server (Stasis, ivr=queued) with the path taken.
// - Nodes that need the server (collect, message, transfer, hangup, set, barge-in plays, branches on
//   variables): hand back to the server (Stasis, ivr=resume), whose engine goes on from that node.
// - The survey (routes.yaml's afterCall), when every node of it can run in the dialplan (its menus,
//   plays, `set` and `hangup` nodes; no queue, no other flow): the server continues the caller there
//   after the conversation and hears how it ended from one user event, sent by its hang-up node or
//   by its hangup handler (dialplan-survey.ts).
// - A call the server does not get back (the caller hangs up in the menus, or no server is there at
//   the hand-back) is marked in Asterisk's channel event records for its ticket (dialplan-marks.ts).
import { stableJson, contentHash } from './content-hash.js';
import { leftContext, markContexts, PlayNumbers } from './dialplan-marks.js';
import { branchContext, gotoContext, handBackContext, hangupContext, hoursContext, menuContext, playContext, queueContext, setContext, type NodeScope } from './dialplan-nodes.js';
import { surveyArrivalContext, surveyContexts, surveyEndContext } from './dialplan-survey.js';
import { directContexts } from './dialplan-direct.js';
import { joinSteps } from './dialplan-steps.js';
import { assign, lineApp, lineLabel, pushHandler, type Extension } from './dialplan-extension.js';
import type { Flow, FlowNode, FlowSet, Target } from './flow-types.js';
import { activeGlobalKeys, withFlowKeys, type GlobalKeys } from './global-keys.js';

/** Bump when the generated text changes shape, so a new compiler gives new context names. */
const COMPILER_REVISION = 10;
/** Asterisk's AST_MAX_CONTEXT is 80 bytes with its terminating NUL. */
const MAX_CONTEXT_NAME = 79;

export interface CompiledDialplan {
  /** The short hash in every context name of this version. */
  readonly version: string;
  /** extensions.conf text: every context of this version. */
  readonly text: string;
  /** The context for a node reached with given global keys: see `entryKey`. */
  readonly contexts: Readonly<Record<string, string>>;
  /** Schedules whose hours the dialplan reads from HOTLINE_FACTS (`open:<id>`), decided at arrival. */
  readonly schedules: readonly string[];
  /**
   * The survey's first node's context (continue into `surveyArrivalContext(version)` there), or
   * null when there is no survey or a node of it needs the server: the server's engine runs it.
   */
  readonly survey: string | null;
  /** Whether new callers can start in these menus without the server (dialplan-direct.ts). */
  readonly direct: boolean;
}

/** The lookup key of a node and the global keys in effect there. */
export function entryKey(flowId: string, nodeId: string, keys: GlobalKeys): string {
  const signature = Object.entries(keys)
    .map(([key, g]) => `${key}=${g.flow}:${g.node}`)
    .sort()
    .join(';');
  return `${flowId}:${nodeId}:${signature}`;
}

/**
 * Whether the dialplan can run this node itself, with no help from the server. In the survey a
 * `set` or `hangup` node can (the survey's end hands its variables over), a queue cannot (the
 * survey has no hand-back to the server).
 */
export function compilable(node: FlowNode, inSurvey = false): boolean {
  switch (node.type) {
    case 'menu':
    case 'hours':
    case 'goto':
      return true;
    case 'queue':
      return !inSurvey;
    case 'set':
    case 'hangup':
      return inSurvey;
    case 'play':
      return !(node.bargeIn ?? false);
    case 'branch':
      return node.cases.every((c) => !('variable' in c.when));
    default:
      return false;
  }
}

interface Variant {
  readonly flow: Flow;
  readonly nodeId: string;
  readonly keys: GlobalKeys;
  readonly name: string;
}

class Compilation {
  readonly variants = new Map<string, Variant>();
  private readonly queue: Variant[] = [];
  private readonly perNode = new Map<string, number>();
  /** The survey's flow, once `compileSurvey` compiles it: its `set` and `hangup` nodes run in the dialplan. */
  private surveyFlow: string | null = null;
  readonly playNumbers = new PlayNumbers();

  constructor(
    readonly flows: FlowSet,
    readonly version: string,
  ) {}

  /** The variant a target leads to from a flow with these keys (entering another flow adds its keys). */
  reach(from: Flow, keys: GlobalKeys, target: Target): Variant {
    const flowId = typeof target === 'string' ? from.id : target.flow;
    const flow = this.flows.flows.get(flowId);
    if (!flow) throw new Error(`IVR_DIALPLAN_UNKNOWN_FLOW ${flowId}`);
    const nodeId = typeof target === 'string' ? target : (target.node ?? flow.start);
    return this.variant(flow, nodeId, flowId === from.id ? keys : withFlowKeys(this.flows, keys, flow));
  }

  variant(flow: Flow, nodeId: string, keys: GlobalKeys): Variant {
    const key = entryKey(flow.id, nodeId, keys);
    const known = this.variants.get(key);
    if (known) return known;
    const index = this.perNode.get(`${flow.id}:${nodeId}`) ?? 0;
    this.perNode.set(`${flow.id}:${nodeId}`, index + 1);
    let name = `ivr-${this.version}-${flow.id}-${nodeId}${index > 0 ? `-g${index}` : ''}`;
    if (name.length > MAX_CONTEXT_NAME) name = `ivr-${this.version}-n${this.variants.size}`;
    const variant = { flow, nodeId, keys, name };
    this.variants.set(key, variant);
    this.queue.push(variant);
    return variant;
  }

  /** The context of an entry flow's first node as a call reaches it at arrival; null when it was not compiled. */
  startOf(flowId: string): string | null {
    const flow = this.flows.flows.get(flowId);
    return flow ? (this.variants.get(entryKey(flow.id, flow.start, withFlowKeys(this.flows, {}, flow)))?.name ?? null) : null;
  }

  /** Every variant reachable from the entry flows, each compiled once. */
  compileAll(): Map<string, Extension[]> {
    for (const flowId of new Set(Object.values(this.flows.entries))) {
      const flow = this.flows.flows.get(flowId);
      if (flow) this.variant(flow, flow.start, withFlowKeys(this.flows, {}, flow));
    }
    return this.drain();
  }

  /**
   * The survey's variants, compiled only if all of them stay in the survey's flow, which the menus
   * never reach, and every node can run in the dialplan; otherwise nothing (the engine runs it).
   */
  compileSurvey(flowId: string): { readonly start: string; readonly contexts: Map<string, Extension[]> } | null {
    const flow = this.flows.flows.get(flowId);
    if (!flow || [...this.variants.values()].some((v) => v.flow.id === flowId)) return null;
    this.surveyFlow = flowId;
    const before = new Set(this.variants.keys());
    const start = this.variant(flow, flow.start, withFlowKeys(this.flows, {}, flow));
    const contexts = this.drain();
    const added = [...this.variants.keys()].filter((key) => !before.has(key));
    const runsHere = (v: Variant): boolean => {
      const node = v.flow.nodes[v.nodeId];
      return v.flow.id === flowId && node !== undefined && compilable(node, true);
    };
    if (added.every((key) => runsHere(this.variants.get(key)!))) return { start: start.name, contexts };
    for (const key of added) this.variants.delete(key);
    return null;
  }

  private drain(): Map<string, Extension[]> {
    const contexts = new Map<string, Extension[]>();
    for (let next = this.queue.shift(); next; next = this.queue.shift()) contexts.set(next.name, this.compileNode(next));
    return contexts;
  }

  private compileNode(v: Variant): Extension[] {
    const node = v.flow.nodes[v.nodeId];
    const scope: NodeScope = {
      flowId: v.flow.id,
      flowName: v.flow.name,
      nodeId: v.nodeId,
      globalKeys: activeGlobalKeys(this.flows, v.keys, v.flow.id),
      contextOf: (target) => this.reach(v.flow, v.keys, target).name,
      version: this.version,
      playNumber: (prompts) => this.playNumbers.of(prompts),
    };
    const inSurvey = v.flow.id === this.surveyFlow;
    if (!node || !compilable(node, inSurvey)) return handBackContext(scope);
    switch (node.type) {
      case 'set':
        return setContext(scope, node);
      case 'hangup':
        return hangupContext(scope, node);
      case 'menu':
        return menuContext(scope, node);
      case 'play':
        return playContext(scope, node);
      case 'branch':
        return branchContext(scope, node);
      case 'hours':
        return hoursContext(scope, node);
      case 'goto':
        return gotoContext(scope, node.target);
      case 'queue':
        return queueContext(scope, node);
      default:
        return handBackContext(scope);
    }
  }
}

function render(name: string, extensions: readonly Extension[]): string {
  const lines = [`[${name}]`];
  for (const ext of extensions) {
    ext.lines.forEach((line, i) => {
      const app = lineApp(line);
      const name = lineLabel(line);
      const label = name === undefined ? '' : `(${name})`;
      lines.push(i === 0 ? `exten => ${ext.name},1${label},${app}` : ` same => n${label},${app}`);
    });
  }
  return lines.join('\n');
}

/**
 * Where the server continues a call (the menus at arrival, or the survey after the conversation):
 * one variable (HOTLINE_IVR_SEED) and the extension naming the node's context, so one request sets
 * four variables. CUT (func_cut, loaded by the project) reads the fields in one step, without writing
 * the seed back as SHIFT did, and `handler` is pushed as the channel's hangup handler in the same step.
 */
function arrivalExtension(handler: string, clear: readonly string[] = []): Extension {
  const field = (n: string): string => `\${CUT(HOTLINE_IVR_SEED,^,${n})}`;
  return {
    name: '_i.',
    lines: [
      assign(`HOTLINE_LANG=${field('1')}`, `HOTLINE_APP=${field('2')}`, `HOTLINE_FACTS=${field('3')}`, `HOTLINE_IVR_PATH=${field('4-')}`, ...clear, pushHandler(handler)),
      'Goto(${EXTEN},s,1)',
    ],
  };
}

/** Where the server continues a call of this version (the extension names the node's context). */
export function arrivalContext(version: string): string {
  return `ivr-${version}-arrive`;
}

/** Whether a dialplan context is one this compiler wrote (any version): `ivr-<version>-…`. */
export function isCompiledContext(context: string): boolean {
  return /^ivr-[0-9a-f]{8}-/.test(context);
}

/** The one variable the arrival context reads: language, the app to hand back to, the facts, the path so far. */
export function arrivalSeed(language: string, app: string, facts: readonly string[], path: string): string {
  return [language, app, `/${facts.join('/')}/`, path].join('^');
}

/** The version hash of a flow set: its flows, entries and survey, and this compiler's revision. */
export function dialplanVersion(flows: FlowSet, afterCall: string | null = null): string {
  return contentHash(stableJson({ revision: COMPILER_REVISION, flows: [...flows.flows.values()], entries: flows.entries, afterCall }));
}

/** The flow set's menus and, when `afterCall` names a survey that can run there, the survey. */
export function compileFlowsToDialplan(flows: FlowSet, afterCall: string | null = null): CompiledDialplan {
  const version = dialplanVersion(flows, afterCall);
  const compilation = new Compilation(flows, version);
  const nodes = compilation.compileAll();
  const survey = afterCall ? compilation.compileSurvey(afterCall) : null;
  for (const [name, extensions] of survey?.contexts ?? []) nodes.set(name, extensions);
  const schedules = new Set<string>();
  for (const v of compilation.variants.values()) {
    const node = v.flow.nodes[v.nodeId];
    if (node?.type === 'hours') schedules.add(node.schedule);
  }
  // From here until a hand-back the server does not hear of the call: a hang-up is marked by the handler.
  const arrival = render(arrivalContext(version), [arrivalExtension(leftContext(version))]);
  const header = `; IVR flows compiled into the dialplan, version ${version} (generated by the hotline server; do not edit).`;
  const marks = markContexts(version, compilation.playNumbers.plays);
  // The menus may have left values of their own on the channel: the survey starts clean.
  const surveyArrival: [string, Extension[]] = [surveyArrivalContext(version), [arrivalExtension(surveyEndContext(version), ['HOTLINE_IVR_VARS=', 'HOTLINE_PLAYING=0'])]];
  const surveyParts = survey ? [surveyArrival, ...surveyContexts(version, compilation.playNumbers.plays)] : [];
  const direct = directContexts(version, flows.entries, (flowId) => compilation.startOf(flowId)) ?? [];
  const contexts = joinSteps(new Map([...direct, ...nodes]));
  const text = [header, arrival, ...[...contexts, ...marks, ...surveyParts].map(([name, extensions]) => render(name, extensions))].join('\n\n');
  return {
    version,
    text: `${text}\n`,
    contexts: Object.fromEntries([...compilation.variants].map(([key, v]) => [key, v.name])),
    schedules: [...schedules].sort(),
    survey: survey?.start ?? null,
    direct: direct.length > 0,
  };
}
