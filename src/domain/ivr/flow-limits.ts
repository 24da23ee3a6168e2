// How large a flow may be: bounds the checker enforces so one flow file cannot exhaust the server.

export interface FlowLimits {
  readonly maxFileBytes: number;
  readonly maxNodes: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = { maxFileBytes: 256 * 1024, maxNodes: 200 };
