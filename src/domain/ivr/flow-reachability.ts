// Whole-set analyses of a flow set: nodes no caller can reach, loops a caller cannot leave without a
// key, and menu keys shadowed by a global key (the engine tries global keys first).
import { flowEdges, nodeKey, resolveTarget, splitNodeKey, type NodeKey } from './flow-graph.js';
import { flowProblem, type FlowProblem } from './flow-problems.js';
import type { FlowSource } from './flow-types.js';

type Flows = ReadonlyMap<string, FlowSource>;

function startKey(flows: Flows, flowId: string): NodeKey | undefined {
  return resolveTarget(flows, flowId, { flow: flowId });
}

/** Adjacency over resolved targets; only key-free edges when asked. */
function adjacency(flows: Flows, keyFreeOnly: boolean): Map<NodeKey, NodeKey[]> {
  const next = new Map<NodeKey, NodeKey[]>();
  for (const [flowId, flow] of flows) {
    for (const edge of flowEdges(flowId, flow)) {
      if (edge.from.node === undefined || (keyFreeOnly && !edge.keyFree)) continue;
      const to = resolveTarget(flows, flowId, edge.target);
      if (!to) continue;
      const from = nodeKey(flowId, edge.from.node);
      next.set(from, [...(next.get(from) ?? []), to]);
    }
  }
  return next;
}

/** Nodes reached from no flow's start and no global key, following every edge. */
export function unreachableNodes(flows: Flows, skipFlows: ReadonlySet<string>): FlowProblem[] {
  const roots: NodeKey[] = [];
  for (const [flowId, flow] of flows) {
    const start = startKey(flows, flowId);
    if (start) roots.push(start);
    for (const edge of flowEdges(flowId, flow).filter((e) => e.from.node === undefined)) {
      const to = resolveTarget(flows, flowId, edge.target);
      if (to) roots.push(to);
    }
  }
  const next = adjacency(flows, false);
  const seen = new Set<NodeKey>(roots);
  for (const queue = [...roots]; queue.length > 0; ) {
    for (const to of next.get(queue.pop() as NodeKey) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  const problems: FlowProblem[] = [];
  for (const [flowId, flow] of flows) {
    if (skipFlows.has(flowId)) continue;
    for (const nodeId of Object.keys(flow.nodes)) {
      if (!seen.has(nodeKey(flowId, nodeId))) {
        problems.push(flowProblem(`${flowId}.yaml`, `nodes.${nodeId}`, 'FLOW_UNREACHABLE_NODE', `node '${nodeId}' is not reached from the start, a global key or another node`));
      }
    }
  }
  return problems;
}

/** Strongly connected components (Tarjan), in a stable order. */
function components(nodes: readonly NodeKey[], next: ReadonlyMap<NodeKey, readonly NodeKey[]>): NodeKey[][] {
  const index = new Map<NodeKey, number>();
  const low = new Map<NodeKey, number>();
  const stack: NodeKey[] = [];
  const onStack = new Set<NodeKey>();
  const found: NodeKey[][] = [];
  const visit = (v: NodeKey): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) visit(w);
      if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: NodeKey[] = [];
    let w: NodeKey;
    do {
      w = stack.pop() as NodeKey;
      onStack.delete(w);
      component.unshift(w);
    } while (w !== v);
    found.push(component);
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found;
}

function describe(key: NodeKey, from: string): string {
  const { flow, node } = splitNodeKey(key);
  return flow === from ? node : `${flow}:${node}`;
}

/** Cycles over key-free edges: a caller who presses nothing would go round them for ever. */
export function noKeyLoops(flows: Flows): FlowProblem[] {
  const next = adjacency(flows, true);
  const nodes = [...flows].flatMap(([flowId, flow]) => Object.keys(flow.nodes).map((n) => nodeKey(flowId, n)));
  const problems: FlowProblem[] = [];
  for (const component of components(nodes, next)) {
    const first = component[0] as NodeKey;
    const selfLoop = (next.get(first) ?? []).includes(first);
    if (component.length < 2 && !selfLoop) continue;
    const { flow, node } = splitNodeKey(first);
    const cycle = [...component, first].map((k) => describe(k, flow)).join(' → ');
    problems.push(flowProblem(`${flow}.yaml`, `nodes.${node}`, 'FLOW_NO_KEY_LOOP', `a caller who presses no key goes round for ever: ${cycle}`));
  }
  return problems;
}

/** Global keys in effect in each flow: its own, and those of every flow it can be reached from. */
export function keysInEffect(flows: Flows): Map<string, Map<string, Set<NodeKey>>> {
  const effect = new Map<string, Map<string, Set<NodeKey>>>();
  for (const [flowId, flow] of flows) {
    const own = new Map<string, Set<NodeKey>>();
    for (const [key, option] of Object.entries(flow.globalKeys ?? {})) {
      const to = resolveTarget(flows, flowId, option.next);
      own.set(key, new Set(to ? [to] : []));
    }
    effect.set(flowId, own);
  }
  const into = new Map<string, Set<string>>();
  for (const [flowId, flow] of flows) {
    for (const edge of flowEdges(flowId, flow)) {
      const to = typeof edge.target === 'string' ? flowId : edge.target.flow;
      if (to !== flowId && flows.has(to)) into.set(to, new Set([...(into.get(to) ?? []), flowId]));
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [flowId, sources] of into) {
      const mine = effect.get(flowId) as Map<string, Set<NodeKey>>;
      const own = flows.get(flowId)?.globalKeys ?? {};
      for (const source of sources) {
        for (const [key, targets] of effect.get(source) ?? []) {
          if (Object.hasOwn(own, key)) continue;
          const set = mine.get(key) ?? new Set<NodeKey>();
          for (const t of targets) {
            if (set.has(t)) continue;
            set.add(t);
            changed = true;
          }
          mine.set(key, set);
        }
      }
    }
  }
  return effect;
}

/** A menu key that a global key in effect takes first (a key to the flow's own start is ignored by the engine). */
export function shadowedMenuKeys(flows: Flows): FlowProblem[] {
  const effect = keysInEffect(flows);
  const problems: FlowProblem[] = [];
  for (const [flowId, flow] of flows) {
    const start = startKey(flows, flowId);
    for (const [nodeId, node] of Object.entries(flow.nodes)) {
      if (node.type !== 'menu') continue;
      for (const key of Object.keys(node.options)) {
        const targets = [...(effect.get(flowId)?.get(key) ?? [])].filter((t) => t !== start);
        if (targets.length === 0) continue;
        const where = targets.map((t) => describe(t, flowId)).join(', ');
        problems.push(flowProblem(`${flowId}.yaml`, `nodes.${nodeId}.options.${key}`, 'FLOW_DUPLICATE_KEY', `key ${key} is also a global key here (to ${where}); the global key wins`));
      }
    }
  }
  return problems;
}
