// Which variables a flow set can have, and say parts that read one nobody gives: a flow's declared
// start variables, set nodes and collect nodes anywhere in the set count (a static check cannot
// follow every path, so a variable known somewhere is taken as known).
import { flowProblem, type FlowProblem } from './flow-problems.js';
import type { FlowSource } from './flow-types.js';
import { partKind, partVariable } from './say-node.js';

export function knownVariables(flows: ReadonlyMap<string, FlowSource>): Set<string> {
  const known = new Set<string>();
  for (const flow of flows.values()) {
    for (const name of flow.variables ?? []) known.add(name);
    for (const node of Object.values(flow.nodes)) {
      if (node.type === 'set') Object.keys(node.variables ?? {}).forEach((name) => known.add(name));
      if (node.type === 'collect') known.add(node.variable);
    }
  }
  return known;
}

export function unknownVariables(flows: ReadonlyMap<string, FlowSource>): FlowProblem[] {
  const known = knownVariables(flows);
  const problems: FlowProblem[] = [];
  for (const [flowId, flow] of flows) {
    for (const [nodeId, node] of Object.entries(flow.nodes)) {
      if (node.type !== 'say') continue;
      node.parts.forEach((part, i) => {
        const variable = partVariable(part);
        if (variable === null || known.has(variable)) return;
        const where = `nodes.${nodeId}.parts.${i}.${partKind(part).kind}`;
        problems.push(flowProblem(`${flowId}.yaml`, where, 'FLOW_UNKNOWN_VARIABLE', `no flow declares '${variable}' in its variables, and no set or collect node sets it`));
      });
    }
  }
  return problems;
}
