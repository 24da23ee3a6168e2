// The flow checker: semantic checks over flow sources that already passed the schema, across the whole
// set (targets into other flows, reachability, loops without a key, shadowed keys, routes), against the
// queues, prompts and schedules that exist. A flow set is built only when nothing is wrong.
import { flowEdges } from './flow-graph.js';
import { DEFAULT_FLOW_LIMITS, type FlowLimits } from './flow-limits.js';
import { checkNode, type NodeCheckContext } from './flow-node-checks.js';
import { FLOW_ID_PATTERN, flowProblem, type FlowProblem } from './flow-problems.js';
import { noKeyLoops, shadowedMenuKeys, unreachableNodes } from './flow-reachability.js';
import type { Flow, FlowSet, FlowSource } from './flow-types.js';
import { unknownVariables } from './flow-variables.js';

export interface FlowRoutes {
  /** Dialed number → flow id; '*' for any other number (required). */
  readonly entries: Readonly<Record<string, string>>;
  /** The flow played to the caller after the agent hangs up (the survey). */
  readonly afterCall?: string;
}

// The limits are part of the checker's input; they live apart because the node checks read them too.
export { DEFAULT_FLOW_LIMITS, type FlowLimits } from './flow-limits.js';

export interface FlowCheckInput {
  /** The version stamped on the flow set that is built. */
  readonly version: number;
  /** Flow id (file name without .yaml) → source. */
  readonly flows: ReadonlyMap<string, FlowSource>;
  /** null when routes.yaml could not be loaded (already reported): no flow set is built. */
  readonly routes: FlowRoutes | null;
  readonly knownQueues: ReadonlySet<string>;
  /** Language → prompt ids that have a text; every language here must have every prompt. */
  readonly knownPrompts: ReadonlyMap<string, ReadonlySet<string>>;
  /** Language → prompt ids that have audio; when given, a prompt without audio is a problem. */
  readonly promptAudio?: ReadonlyMap<string, ReadonlySet<string>>;
  readonly knownSchedules: ReadonlySet<string>;
  /** Prompts played by the server rather than by a flow; each language needs them too. */
  readonly systemPrompts?: readonly string[];
  readonly limits?: Partial<FlowLimits>;
  /** Flows whose files exist but failed to load (already reported): references to them are not reported, no flow set is built. */
  readonly brokenFlows?: ReadonlySet<string>;
}

export interface FlowCheckResult {
  readonly flowSet?: FlowSet;
  readonly problems: FlowProblem[];
}

const idPattern = new RegExp(FLOW_ID_PATTERN);

function flowExists(input: FlowCheckInput, id: string): boolean {
  return input.flows.has(id) || (input.brokenFlows?.has(id) ?? false);
}

function checkTargets(input: FlowCheckInput, flowId: string, flow: FlowSource): FlowProblem[] {
  const file = `${flowId}.yaml`;
  const problems: FlowProblem[] = [];
  for (const edge of flowEdges(flowId, flow)) {
    const target = edge.target;
    const toFlow = typeof target === 'string' ? flowId : target.flow;
    if (!flowExists(input, toFlow)) {
      problems.push(flowProblem(file, edge.path, 'FLOW_UNKNOWN_FLOW', `no flow '${toFlow}' (no ${toFlow}.yaml)`));
      continue;
    }
    const other = input.flows.get(toFlow);
    const node = typeof target === 'string' ? target : target.node;
    if (other && node !== undefined && !Object.hasOwn(other.nodes, node)) {
      const where = toFlow === flowId ? 'this flow' : `flow '${toFlow}'`;
      problems.push(flowProblem(file, edge.path, 'FLOW_UNKNOWN_TARGET', `no node '${node}' in ${where}`));
    }
  }
  return problems;
}

function checkFlow(input: FlowCheckInput, ctx: NodeCheckContext, flowId: string, flow: FlowSource): FlowProblem[] {
  const file = `${flowId}.yaml`;
  const problems: FlowProblem[] = [];
  if (!idPattern.test(flowId)) {
    problems.push(flowProblem(file, '', 'FLOW_ID_INVALID', `the file name '${flowId}' is not a valid flow id (lower-case letters, digits and '-', starting with a letter)`));
  }
  const nodeCount = Object.keys(flow.nodes).length;
  if (nodeCount > ctx.limits.maxNodes) {
    problems.push(flowProblem(file, 'nodes', 'FLOW_TOO_LARGE', `${nodeCount} nodes; a flow may have at most ${ctx.limits.maxNodes} (split it into flows joined by goto)`));
  }
  if (!Object.hasOwn(flow.nodes, flow.start)) {
    problems.push(flowProblem(file, 'start', 'FLOW_START_MISSING', `the start node '${flow.start}' does not exist`));
  }
  problems.push(...checkTargets(input, flowId, flow));
  for (const [nodeId, node] of Object.entries(flow.nodes)) problems.push(...checkNode(ctx, file, `nodes.${nodeId}`, node));
  return problems;
}

function checkRoutes(input: FlowCheckInput, routes: FlowRoutes): FlowProblem[] {
  const problems: FlowProblem[] = [];
  if (!Object.hasOwn(routes.entries, '*')) {
    problems.push(flowProblem('routes.yaml', 'entries', 'FLOW_ROUTES_INVALID', `no '*' entry: calls to any other number need a flow`));
  }
  for (const [dialed, flowId] of Object.entries(routes.entries)) {
    if (!flowExists(input, flowId)) problems.push(flowProblem('routes.yaml', `entries.${dialed}`, 'FLOW_ROUTES_INVALID', `no flow '${flowId}' for calls to ${dialed}`));
    else problems.push(...needsVariables(input, `entries.${dialed}`, flowId));
  }
  if (routes.afterCall !== undefined && !flowExists(input, routes.afterCall)) {
    problems.push(flowProblem('routes.yaml', 'afterCall', 'FLOW_ROUTES_INVALID', `no flow '${routes.afterCall}' to play after the call`));
  } else if (routes.afterCall !== undefined) {
    problems.push(...needsVariables(input, 'afterCall', routes.afterCall));
  }
  return problems;
}

/** A flow that needs start variables (an outbound call's) would speak nothing to a caller dialing in. */
function needsVariables(input: FlowCheckInput, path: string, flowId: string): FlowProblem[] {
  const needed = input.flows.get(flowId)?.variables ?? [];
  if (needed.length === 0) return [];
  return [flowProblem('routes.yaml', path, 'FLOW_ENTRY_NEEDS_VARIABLES', `flow '${flowId}' needs ${needed.join(', ')} from whoever starts it (an outbound call): a caller dialing in has none`)];
}

function missingSystemPrompts(input: FlowCheckInput): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const prompt of input.systemPrompts ?? []) {
    for (const [lang, ids] of input.knownPrompts) {
      if (!ids.has(prompt)) problems.push(flowProblem(`prompts/${lang}.yaml`, prompt, 'FLOW_UNKNOWN_PROMPT', `the server's prompt '${prompt}' has no text`));
      else if (input.promptAudio?.get(lang) && !input.promptAudio.get(lang)?.has(prompt)) {
        problems.push(flowProblem(`prompts/${lang}.yaml`, prompt, 'FLOW_PROMPT_AUDIO_MISSING', `the server's prompt '${prompt}' has no audio for ${lang} (run npm run prompts)`));
      }
    }
  }
  return problems;
}

export function checkFlows(input: FlowCheckInput): FlowCheckResult {
  const ctx: NodeCheckContext = { ...input, limits: { ...DEFAULT_FLOW_LIMITS, ...input.limits } };
  const ids = [...input.flows.keys()].sort();
  const problems = ids.flatMap((id) => checkFlow(input, ctx, id, input.flows.get(id) as FlowSource));
  const broken = input.brokenFlows ?? new Set<string>();
  if (broken.size === 0) {
    const startless = new Set(ids.filter((id) => !Object.hasOwn(input.flows.get(id)?.nodes ?? {}, input.flows.get(id)?.start ?? '')));
    problems.push(...unreachableNodes(input.flows, startless));
  }
  problems.push(...noKeyLoops(input.flows), ...shadowedMenuKeys(input.flows), ...unknownVariables(input.flows));
  if (input.routes) problems.push(...checkRoutes(input, input.routes));
  problems.push(...missingSystemPrompts(input));
  if (problems.length > 0 || !input.routes || broken.size > 0) return { problems };
  const flows = new Map<string, Flow>(ids.map((id) => [id, { ...(input.flows.get(id) as FlowSource), id }]));
  return { flowSet: { version: input.version, flows, entries: { ...input.routes.entries } }, problems };
}
