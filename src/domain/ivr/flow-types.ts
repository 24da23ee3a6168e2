// The IVR flow as operators write it (one YAML file per flow in ivr-flows/) and as the engine runs
// it after checking. Pure data: the JSON schema in adapters/flows is generated to match these types.

/** Where a step leads: a node of the same flow, or another flow (its start node unless named). */
export type Target = string | { readonly flow: string; readonly node?: string };

export interface PlayNode {
  readonly type: 'play';
  readonly prompts: readonly string[];
  /** A key pressed during the prompts skips them (and is handled by the next node if it is a menu). */
  readonly bargeIn?: boolean;
  readonly next: Target;
}

/**
 * One part of what a say node speaks. digits/number/date name a variable of the call, or hold a
 * literal value (digits only, or YYYY-MM-DD for a date); text names a variable, spoken by a speech
 * synthesizer at call time (skipped when it cannot be made in time).
 */
export type SayPart =
  | { readonly prompt: string }
  | { readonly digits: string }
  | { readonly number: string }
  | { readonly date: string }
  | { readonly text: string };

export interface SayNode {
  readonly type: 'say';
  readonly parts: readonly SayPart[];
  /** A key pressed while speaking skips the rest (and is handled by the next node if it is a menu). */
  readonly bargeIn?: boolean;
  readonly next: Target;
}

export interface MenuOption {
  readonly next: Target;
  /** What the key means, in words, for the agent's screen (e.g. 政策咨询). */
  readonly label: string;
  /**
   * Search words for the knowledge base (e.g. 物业 维修资金): the articles they find fill the agent's
   * knowledge panel when the call pops. Nothing is said to the caller.
   */
  readonly knowledge?: string;
}

export interface MenuNode {
  readonly type: 'menu';
  readonly prompt: string;
  readonly options: Readonly<Record<string, MenuOption>>;
  readonly timeoutSeconds: number;
  /** Extra tries after a timeout or an invalid key, before the no-input / invalid route is taken. */
  readonly retries: number;
  readonly invalidPrompt?: string;
  readonly noInputPrompt?: string;
  /** The no-key path to a human: required by the national standard's spirit, checked by the compiler. */
  readonly noInput: Target;
  /** Where repeated invalid keys lead; defaults to noInput. */
  readonly invalid?: Target;
}

export interface CollectNode {
  readonly type: 'collect';
  readonly prompt: string;
  readonly variable: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Ends the input early; '#' by default. */
  readonly terminator?: string;
  readonly firstDigitTimeoutSeconds?: number;
  readonly interDigitTimeoutSeconds: number;
  /** A regular expression the whole input must match. */
  readonly pattern?: string;
  readonly retries: number;
  readonly invalidPrompt?: string;
  readonly next: Target;
  readonly noInput: Target;
  readonly invalid?: Target;
}

export type Condition =
  | { readonly caller: 'elderly' | 'enterprise' | 'anonymous' }
  | { readonly dialed: string }
  | { readonly variable: string; readonly equals?: string; readonly matches?: string }
  | { readonly language: string };

export interface BranchNode {
  readonly type: 'branch';
  readonly cases: readonly { readonly when: Condition; readonly next: Target }[];
  readonly otherwise: Target;
}

export interface HoursNode {
  readonly type: 'hours';
  /** A schedule id from ivr-flows/schedules.yaml. */
  readonly schedule: string;
  readonly open: Target;
  readonly closed: Target;
}

export interface QueueNode {
  readonly type: 'queue';
  readonly queue: string;
  /** Overrides the queue's own priority class (e.g. an elderly caller in the general queue). */
  readonly priority?: string;
  readonly skills?: readonly string[];
}

export interface MessageNode {
  readonly type: 'message';
  readonly prompt: string;
  readonly maxSeconds: number;
  readonly beep?: boolean;
  /** Played after the recording, before hanging up. */
  readonly thanksPrompt?: string;
}

export interface TransferNode {
  readonly type: 'transfer';
  /** A number or unit the dialplan's transfer context knows (e.g. 12315). */
  readonly destination: string;
  readonly prompt?: string;
}

export interface SetNode {
  readonly type: 'set';
  readonly variables?: Readonly<Record<string, string>>;
  readonly language?: string;
  readonly next: Target;
}

export interface GotoNode {
  readonly type: 'goto';
  readonly target: Target;
}

export interface HangupNode {
  readonly type: 'hangup';
  readonly prompt?: string;
}

export type FlowNode =
  | PlayNode
  | SayNode
  | MenuNode
  | CollectNode
  | BranchNode
  | HoursNode
  | QueueNode
  | MessageNode
  | TransferNode
  | SetNode
  | GotoNode
  | HangupNode;

export type FlowNodeType = FlowNode['type'];

/** One flow file as written. */
export interface FlowSource {
  readonly name: string;
  readonly description?: string;
  readonly start: string;
  /**
   * Variables the flow needs from whoever starts it (an outbound call gives the order's number,
   * date and summary). A flow that names any cannot be a route's entry: a caller dialing in has none.
   */
  readonly variables?: readonly string[];
  /** Keys valid at every node of this flow and of the flows it leads to (e.g. the elderly key 0). */
  readonly globalKeys?: Readonly<Record<string, MenuOption>>;
  readonly nodes: Readonly<Record<string, FlowNode>>;
}

export interface Flow extends FlowSource {
  readonly id: string;
}

/** Every flow of one version, checked together (a flow may lead to another). */
export interface FlowSet {
  readonly version: number;
  readonly flows: ReadonlyMap<string, Flow>;
  /** The flow a call to each dialed number starts in; '*' for any other number. */
  readonly entries: Readonly<Record<string, string>>;
}
