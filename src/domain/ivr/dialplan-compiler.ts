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
// - At arrival the server runs the engine over the nodes before the first prompt (branches on the
//   caller's registries and the dialed number, hours) and continues the channel into the compiled
//   context of the node it stopped at; it also sets HOTLINE_FACTS (registries, dialed number, and
//   which schedules are open now), which branch and hours nodes deeper in the menus read.
// - Menus, plays without barge-in, branches on caller/dialed/language, hours, goto: compiled.
// - A queue node hands the call back to the server (Stasis, ivr=queued) with the path taken.
// - Nodes that need the server (collect, message, transfer, hangup, set, barge-in plays, branches on
//   variables): hand back to the server (Stasis, ivr=resume), whose engine goes on from that node.
// - A call the server does not get back (the caller hangs up in the menus, or no server is there at
//   the hand-back) is marked in Asterisk's channel event records for its ticket (dialplan-marks.ts).
import { stableJson, contentHash } from './content-hash.js';
import { leftContext, markContexts, PlayNumbers } from './dialplan-marks.js';
import { branchContext, gotoContext, handBackContext, hoursContext, menuContext, playContext, queueContext, type NodeScope } from './dialplan-nodes.js';
import type { Extension } from './dialplan-extension.js';
import type { Flow, FlowNode, FlowSet, Target } from './flow-types.js';
import { activeGlobalKeys, withFlowKeys, type GlobalKeys } from './global-keys.js';

/** Bump when the generated text changes shape, so a new compiler gives new context names. */
const COMPILER_REVISION = 2;
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
}

/** The lookup key of a node and the global keys in effect there. */
export function entryKey(flowId: string, nodeId: string, keys: GlobalKeys): string {
  const signature = Object.entries(keys)
    .map(([key, g]) => `${key}=${g.flow}:${g.node}`)
    .sort()
    .join(';');
  return `${flowId}:${nodeId}:${signature}`;
}

/** Whether the dialplan can run this node itself, with no help from the server. */
export function compilable(node: FlowNode): boolean {
  switch (node.type) {
    case 'menu':
    case 'hours':
    case 'goto':
    case 'queue':
      return true;
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

  /** Every variant reachable from the entry flows, each compiled once. */
  compileAll(): Map<string, Extension[]> {
    const contexts = new Map<string, Extension[]>();
    for (const flowId of new Set(Object.values(this.flows.entries))) {
      const flow = this.flows.flows.get(flowId);
      if (flow) this.variant(flow, flow.start, withFlowKeys(this.flows, {}, flow));
    }
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
    if (!node || !compilable(node)) return handBackContext(scope);
    switch (node.type) {
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
      const app = typeof line === 'string' ? line : line.app;
      const label = typeof line === 'string' ? '' : `(${line.label})`;
      lines.push(i === 0 ? `exten => ${ext.name},1${label},${app}` : ` same => n${label},${app}`);
    });
  }
  return lines.join('\n');
}

/** Where the server continues a call of this version (the extension names the node's context). */
export function arrivalContext(version: string): string {
  return `ivr-${version}-arrive`;
}

/** The one variable the arrival context reads: language, the app to hand back to, the facts, the path so far. */
export function arrivalSeed(language: string, app: string, facts: readonly string[], path: string): string {
  return [language, app, `/${facts.join('/')}/`, path].join('^');
}

/** The version hash of a flow set: its flows and entries, and this compiler's revision. */
export function dialplanVersion(flows: FlowSet): string {
  return contentHash(stableJson({ revision: COMPILER_REVISION, flows: [...flows.flows.values()], entries: flows.entries }));
}

export function compileFlowsToDialplan(flows: FlowSet): CompiledDialplan {
  const version = dialplanVersion(flows);
  const compilation = new Compilation(flows, version);
  const contexts = compilation.compileAll();
  const schedules = new Set<string>();
  for (const v of compilation.variants.values()) {
    const node = v.flow.nodes[v.nodeId];
    if (node?.type === 'hours') schedules.add(node.schedule);
  }
  const arrival = render(arrivalContext(version), [
    {
      name: '_i.',
      // The server continues a new call here with one variable (HOTLINE_IVR_SEED), the extension naming
      // the node's context: one request for four variables.
      // SHIFT (func_strings, loaded by the project) takes the fields off the front one by one.
      // From here until a hand-back the server does not hear of the call: a hang-up is marked by the handler.
      lines: [
        'Set(HOTLINE_LANG=${SHIFT(HOTLINE_IVR_SEED,^)})',
        'Set(HOTLINE_APP=${SHIFT(HOTLINE_IVR_SEED,^)})',
        'Set(HOTLINE_FACTS=${SHIFT(HOTLINE_IVR_SEED,^)})',
        'Set(HOTLINE_IVR_PATH=${HOTLINE_IVR_SEED})',
        `Set(CHANNEL(hangup_handler_push)=${leftContext(version)},s,1)`,
        'Goto(${EXTEN},s,1)',
      ],
    },
  ]);
  const header = `; IVR flows compiled into the dialplan, version ${version} (generated by the hotline server; do not edit).`;
  const marks = markContexts(version, compilation.playNumbers.plays);
  const text = [header, arrival, ...[...contexts, ...marks].map(([name, extensions]) => render(name, extensions))].join('\n\n');
  return {
    version,
    text: `${text}\n`,
    contexts: Object.fromEntries([...compilation.variants].map(([key, v]) => [key, v.name])),
    schedules: [...schedules].sort(),
  };
}
