// The knowledge words of the caller's IVR choices: each key pressed in a menu whose option carries
// `knowledge` (物业 维修资金), read from the flows, so the pop can suggest articles. Read from the flow
// rather than recorded on the key step, so the path the compiled dialplan hands back reads the same.
import type { Flow } from '../ivr/flow-types.js';
import type { IvrStep } from './call-facts.js';

/** The words of the caller's choices, the latest choice first, each once. */
export function choiceWords(path: readonly IvrStep[], flows: ReadonlyMap<string, Flow>): string[] {
  const words: string[] = [];
  const visited: string[] = [];
  let at: { flow: string; node: string } | null = null;
  for (const step of path) {
    if (step.kind === 'node') {
      at = { flow: step.flow, node: step.node };
      if (!visited.includes(step.flow)) visited.push(step.flow);
    } else if (step.kind === 'key' && at !== null) {
      const found = step.global ? globalWords(step.key, visited, flows) : menuWords(flows.get(at.flow), at.node, step.key);
      if (found !== undefined) words.unshift(found);
    }
  }
  return [...new Set(words)];
}

function menuWords(flow: Flow | undefined, nodeId: string, key: string): string | undefined {
  const node = flow?.nodes[nodeId];
  return node?.type === 'menu' ? node.options[key]?.knowledge : undefined;
}

/** A global key is the latest visited flow's that defines it (a flow's own replaces an inherited one). */
function globalWords(key: string, visited: readonly string[], flows: ReadonlyMap<string, Flow>): string | undefined {
  for (const flowId of [...visited].reverse()) {
    const option = flows.get(flowId)?.globalKeys?.[key];
    if (option) return option.knowledge;
  }
  return undefined;
}
