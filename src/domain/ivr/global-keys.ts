// The global keys in effect after entering a flow: those inherited from the flows before it, with
// the entered flow's own keys on top (a flow's own key replaces an inherited one). Shared by the
// engine and the dialplan compiler, so both agree on which keys work where.
import type { Flow, FlowSet } from './flow-types.js';
import type { GlobalKey } from './ivr-protocol.js';

export type GlobalKeys = Readonly<Record<string, GlobalKey>>;

export function withFlowKeys(flows: FlowSet, inherited: GlobalKeys, flow: Flow): GlobalKeys {
  const keys: Record<string, GlobalKey> = { ...inherited };
  for (const [key, option] of Object.entries(flow.globalKeys ?? {})) {
    const target = option.next;
    const targetFlow = typeof target === 'string' ? flow.id : target.flow;
    const targetNode = typeof target === 'string' ? target : (target.node ?? flows.flows.get(target.flow)?.start ?? '');
    keys[key] = { flow: targetFlow, node: targetNode, label: option.label };
  }
  return keys;
}

/**
 * The global keys that act at a node: a key that leads to the start of the flow the caller is
 * already in would only restart it, so there it is not a global key (the engine's rule).
 */
export function activeGlobalKeys(flows: FlowSet, keys: GlobalKeys, flowId: string): [string, GlobalKey][] {
  const start = flows.flows.get(flowId)?.start;
  return Object.entries(keys).filter(([, key]) => !(key.flow === flowId && key.node === start));
}
