// The edges and prompt references of flow nodes, listed once so that every check walks the same graph.
import type { FlowNode, FlowSource, MenuOption, Target } from './flow-types.js';
import { partKind, partPrompts } from './say-node.js';

export interface TargetRef {
  /** Path inside the node, e.g. options.3.next. */
  readonly path: string;
  readonly target: Target;
  /** Taken without the caller pressing a key (prompt end, timeout, a condition, the clock). */
  readonly keyFree: boolean;
}

export interface PromptRef {
  readonly path: string;
  readonly prompt: string;
}

/** A node of a flow set, as `flow:node` (ids cannot contain ':'). */
export type NodeKey = string;

export function nodeKey(flow: string, node: string): NodeKey {
  return `${flow}:${node}`;
}

export function splitNodeKey(key: NodeKey): { flow: string; node: string } {
  const at = key.indexOf(':');
  return { flow: key.slice(0, at), node: key.slice(at + 1) };
}

function ref(path: string, target: Target | undefined, keyFree: boolean): TargetRef[] {
  return target === undefined ? [] : [{ path, target, keyFree }];
}

function optionRefs(prefix: string, options: Readonly<Record<string, MenuOption>>): TargetRef[] {
  return Object.entries(options).map(([key, option]) => ({ path: `${prefix}.${key}.next`, target: option.next, keyFree: false }));
}

export function nodeTargets(node: FlowNode): TargetRef[] {
  switch (node.type) {
    case 'play':
    case 'say':
    case 'set':
      return ref('next', node.next, true);
    case 'menu':
      return [...optionRefs('options', node.options), ...ref('noInput', node.noInput, true), ...ref('invalid', node.invalid, true)];
    case 'collect':
      return [...ref('next', node.next, false), ...ref('noInput', node.noInput, true), ...ref('invalid', node.invalid, true)];
    case 'branch':
      return [...node.cases.flatMap((c, i) => ref(`cases.${i}.next`, c.next, true)), ...ref('otherwise', node.otherwise, true)];
    case 'hours':
      return [...ref('open', node.open, true), ...ref('closed', node.closed, true)];
    case 'goto':
      return ref('target', node.target, true);
    case 'queue':
    case 'message':
    case 'transfer':
    case 'hangup':
      return [];
  }
}

function promptRef(path: string, prompt: string | undefined): PromptRef[] {
  return prompt === undefined ? [] : [{ path, prompt }];
}

export function nodePrompts(node: FlowNode): PromptRef[] {
  switch (node.type) {
    case 'play':
      return node.prompts.map((prompt, i) => ({ path: `prompts.${i}`, prompt }));
    case 'say':
      // A digits, number or date part plays the recorded words its value is composed of.
      return node.parts.flatMap((part, i) => partPrompts(part).map((prompt) => ({ path: `parts.${i}.${partKind(part).kind}`, prompt })));
    case 'menu':
      return [...promptRef('prompt', node.prompt), ...promptRef('invalidPrompt', node.invalidPrompt), ...promptRef('noInputPrompt', node.noInputPrompt)];
    case 'collect':
      return [...promptRef('prompt', node.prompt), ...promptRef('invalidPrompt', node.invalidPrompt)];
    case 'message':
      return [...promptRef('prompt', node.prompt), ...promptRef('thanksPrompt', node.thanksPrompt)];
    case 'transfer':
    case 'hangup':
      return promptRef('prompt', node.prompt);
    default:
      return [];
  }
}

/** The global keys a flow defines, as target references (path globalKeys.<key>.next). */
export function globalKeyTargets(flow: FlowSource): TargetRef[] {
  return optionRefs('globalKeys', flow.globalKeys ?? {});
}

/** Where a target leads from a flow: the node key, or undefined when the flow or node does not exist. */
export function resolveTarget(flows: ReadonlyMap<string, FlowSource>, fromFlow: string, target: Target): NodeKey | undefined {
  const flowId = typeof target === 'string' ? fromFlow : target.flow;
  const flow = flows.get(flowId);
  if (!flow) return undefined;
  const node = typeof target === 'string' ? target : (target.node ?? flow.start);
  return Object.hasOwn(flow.nodes, node) ? nodeKey(flowId, node) : undefined;
}

export function targetFlow(fromFlow: string, target: Target): string {
  return typeof target === 'string' ? fromFlow : target.flow;
}

/** Every edge of a flow set: from each node (and each flow's global keys) to where it leads. */
export interface FlowEdge {
  readonly from: { readonly flow: string; readonly node?: string };
  readonly path: string;
  readonly target: Target;
  readonly keyFree: boolean;
}

export function flowEdges(flowId: string, flow: FlowSource): FlowEdge[] {
  const edges: FlowEdge[] = globalKeyTargets(flow).map((r) => ({ from: { flow: flowId }, ...r }));
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    for (const r of nodeTargets(node)) edges.push({ from: { flow: flowId, node: nodeId }, ...r, path: `nodes.${nodeId}.${r.path}` });
  }
  return edges;
}
