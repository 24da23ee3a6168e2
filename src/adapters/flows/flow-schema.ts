// The JSON schema of the files in ivr-flows/, written with TypeBox so that it is checked against the
// TypeScript flow types at compile time (see the assertions at the end) and exported as JSON for editors.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { FLOW_ID_PATTERN } from '../../domain/ivr/flow-problems.js';
import type { FlowRoutes } from '../../domain/ivr/flow-checker.js';
import type { FlowSource } from '../../domain/ivr/flow-types.js';
import type { Assert, DeepReadonly, SameShape } from '../../contract/api/same-shape.js';

const strict = { additionalProperties: false } as const;

export const KEY_PATTERN = '^[0-9*#]$';
export const PROMPT_ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
export const LANGUAGE_PATTERN = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$';
const VARIABLE_PATTERN = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';
const DIALED_PATTERN = '^[0-9*#+]{1,32}$';

const Id = (description: string) => Type.String({ pattern: FLOW_ID_PATTERN, description });
const NodeId = Id('A node id of this flow: lower-case letters, digits and -, starting with a letter.');
const FlowId = Id('A flow id: the file name without .yaml.');
const PromptId = Type.String({ pattern: PROMPT_ID_PATTERN, description: 'A prompt id from prompts/<lang>.yaml.' });
const Seconds = (description: string) => Type.Number({ minimum: 0.5, maximum: 60, description });
const Retries = Type.Integer({ minimum: 0, maximum: 5, description: 'Extra tries after a timeout or a wrong key.' });
const Label = Type.String({ minLength: 1, maxLength: 40, description: 'What the key means, shown to the agent (e.g. 政策咨询).' });
const Pattern = Type.String({ minLength: 1, maxLength: 200, description: 'A regular expression.' });

export const TargetSchema = Type.Union(
  [NodeId, Type.Object({ flow: FlowId, node: Type.Optional(NodeId) }, { ...strict, description: 'Another flow (its start node unless named).' })],
  { description: 'Where to go next: a node id of this flow, or { flow, node? }.' },
);

const Knowledge = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Search words for the knowledge base (e.g. 物业 维修资金): their articles fill the agent panel when the call pops.' });
const MenuOptionSchema = Type.Object({ next: TargetSchema, label: Label, knowledge: Type.Optional(Knowledge) }, strict);
const KeyMap = (description: string) => Type.Record(Type.String({ pattern: KEY_PATTERN }), MenuOptionSchema, { ...strict, description });

const node = <K extends string, T extends Record<string, TSchema>>(type: K, description: string, properties: T) =>
  Type.Object({ type: Type.Literal(type), ...properties }, { ...strict, description });

const PlayNodeSchema = node('play', 'Plays prompts, then goes on.', {
  prompts: Type.Readonly(Type.Array(PromptId, { minItems: 1, maxItems: 10 })),
  bargeIn: Type.Optional(Type.Boolean({ description: 'A key pressed during the prompts skips them.' })),
  next: TargetSchema,
});

const VariableName = Type.String({ pattern: VARIABLE_PATTERN, description: 'A variable of the call.' });
const DigitsValue = Type.String({ pattern: '^([A-Za-z_][A-Za-z0-9_]{0,63}|[0-9]{1,32})$', description: 'A variable, or literal digits.' });

export const SayPartSchema = Type.Union(
  [
    Type.Object({ prompt: PromptId }, { ...strict, description: 'A recorded prompt.' }),
    Type.Object({ digits: DigitsValue }, { ...strict, description: 'Read digit by digit (1 as 幺): an order number.' }),
    Type.Object({ number: DigitsValue }, { ...strict, description: 'A quantity read as a number (两, 十二; over 999 digit by digit).' }),
    Type.Object(
      { date: Type.String({ pattern: '^([A-Za-z_][A-Za-z0-9_]{0,63}|\\d{4}-\\d{2}-\\d{2})$', description: 'A variable (YYYY-MM-DD or epoch ms, read in China time), or a literal YYYY-MM-DD.' }) },
      { ...strict, description: 'A day read as 12月3日.' },
    ),
    Type.Object({ text: VariableName }, { ...strict, description: 'A variable spoken by the speech synthesizer at call time (skipped if it cannot be made in time).' }),
  ],
  { description: 'One part of what a say node speaks.' },
);

const SayNodeSchema = node('say', 'Speaks prompts and values known only at call time (digits, numbers, dates, text), then goes on.', {
  // An empty list passes the schema so that the checker names it (FLOW_SAY_EMPTY).
  parts: Type.Readonly(Type.Array(SayPartSchema, { maxItems: 20 })),
  bargeIn: Type.Optional(Type.Boolean({ description: 'A key pressed while speaking skips the rest.' })),
  next: TargetSchema,
});

const MenuNodeSchema = node('menu', 'Plays a prompt and waits for one key.', {
  prompt: PromptId,
  options: Type.Record(Type.String({ pattern: KEY_PATTERN }), MenuOptionSchema, { ...strict, minProperties: 1, description: 'Key → option.' }),
  timeoutSeconds: Seconds('How long to wait for a key after the prompt.'),
  retries: Retries,
  invalidPrompt: Type.Optional(PromptId),
  noInputPrompt: Type.Optional(PromptId),
  noInput: TargetSchema,
  invalid: Type.Optional(TargetSchema),
});

const CollectNodeSchema = node('collect', 'Collects digits into a variable.', {
  prompt: PromptId,
  variable: Type.String({ pattern: VARIABLE_PATTERN }),
  minLength: Type.Integer({ minimum: 1, maximum: 64 }),
  maxLength: Type.Integer({ minimum: 1, maximum: 64 }),
  terminator: Type.Optional(Type.String({ pattern: KEY_PATTERN })),
  firstDigitTimeoutSeconds: Type.Optional(Seconds('Wait for the first digit (default: twice the inter-digit timeout).')),
  interDigitTimeoutSeconds: Seconds('Wait between digits.'),
  pattern: Type.Optional(Pattern),
  retries: Retries,
  invalidPrompt: Type.Optional(PromptId),
  next: TargetSchema,
  noInput: TargetSchema,
  invalid: Type.Optional(TargetSchema),
});

export const ConditionSchema = Type.Union([
  Type.Object({ caller: Type.Union([Type.Literal('elderly'), Type.Literal('enterprise'), Type.Literal('anonymous')]) }, strict),
  Type.Object({ dialed: Type.String({ pattern: DIALED_PATTERN }) }, strict),
  Type.Object({ variable: Type.String({ pattern: VARIABLE_PATTERN }), equals: Type.Optional(Type.String({ maxLength: 256 })), matches: Type.Optional(Pattern) }, strict),
  Type.Object({ language: Type.String({ pattern: LANGUAGE_PATTERN }) }, strict),
]);

const BranchNodeSchema = node('branch', 'Goes to the first case whose condition holds, else otherwise.', {
  cases: Type.Readonly(Type.Array(Type.Object({ when: ConditionSchema, next: TargetSchema }, strict), { minItems: 1, maxItems: 20 })),
  otherwise: TargetSchema,
});

const HoursNodeSchema = node('hours', 'Open or closed by a schedule from schedules.yaml (China’s calendar).', {
  schedule: Id('A schedule id from schedules.yaml.'),
  open: TargetSchema,
  closed: TargetSchema,
});

const QueueNodeSchema = node('queue', 'Puts the call in a queue for an agent (ends the IVR).', {
  queue: Id('A queue id from the queue configuration.'),
  priority: Type.Optional(Id('A priority class overriding the queue’s own.')),
  skills: Type.Optional(Type.Readonly(Type.Array(Id('A skill id.'), { maxItems: 10 }))),
});

const MessageNodeSchema = node('message', 'Records a voice message that becomes a ticket (ends the IVR).', {
  prompt: PromptId,
  maxSeconds: Type.Integer({ minimum: 1, maximum: 600 }),
  beep: Type.Optional(Type.Boolean()),
  thanksPrompt: Type.Optional(PromptId),
});

const TransferNodeSchema = node('transfer', 'Transfers the call to another number (ends the IVR).', {
  destination: Type.String({ pattern: '^[0-9A-Za-z*#+_-]{1,32}$' }),
  prompt: Type.Optional(PromptId),
});

const SetNodeSchema = node('set', 'Sets variables and/or the prompt language, then goes on.', {
  variables: Type.Optional(Type.Record(Type.String({ pattern: VARIABLE_PATTERN }), Type.String({ maxLength: 256 }), strict)),
  language: Type.Optional(Type.String({ pattern: LANGUAGE_PATTERN })),
  next: TargetSchema,
});

const GotoNodeSchema = node('goto', 'Goes to another node or flow.', { target: TargetSchema });

const HangupNodeSchema = node('hangup', 'Hangs up, after an optional prompt (ends the IVR).', { prompt: Type.Optional(PromptId) });

export const FlowNodeSchema = Type.Union([
  PlayNodeSchema,
  SayNodeSchema,
  MenuNodeSchema,
  CollectNodeSchema,
  BranchNodeSchema,
  HoursNodeSchema,
  QueueNodeSchema,
  MessageNodeSchema,
  TransferNodeSchema,
  SetNodeSchema,
  GotoNodeSchema,
  HangupNodeSchema,
]);

export const FlowFileSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'The flow’s name, shown to agents (e.g. 主菜单).' }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    start: NodeId,
    variables: Type.Optional(Type.Readonly(Type.Array(VariableName, { maxItems: 20, uniqueItems: true, description: 'Variables the flow needs from whoever starts it (an outbound call); such a flow cannot be a route entry.' }))),
    globalKeys: Type.Optional(KeyMap('Keys valid at every node of this flow and of the flows it leads to.')),
    nodes: Type.Record(Type.String({ pattern: FLOW_ID_PATTERN }), FlowNodeSchema, { ...strict, minProperties: 1 }),
  },
  { ...strict, title: 'hotline-cti IVR flow', description: 'One IVR flow of ivr-flows/ (the flow id is the file name).' },
);

export const RoutesFileSchema = Type.Object(
  {
    entries: Type.Record(Type.String({ pattern: '^(\\*|[0-9]{3,20})$' }), FlowId, { ...strict, minProperties: 1 }),
    afterCall: Type.Optional(FlowId),
  },
  strict,
);

/** schedules.yaml: schedule id → its definition (the definition's own shape is checked elsewhere). */
export const SchedulesFileSchema = Type.Object(
  { schedules: Type.Record(Type.String({ pattern: FLOW_ID_PATTERN }), Type.Object({}), strict) },
  strict,
);

export const PromptsFileSchema = Type.Record(Type.String({ pattern: PROMPT_ID_PATTERN }), Type.String({ minLength: 1, maxLength: 2000 }), strict);

/** Only the queue ids are read from the queue configuration; the rest belongs to the ACD. */
export const QueuesFileSchema = Type.Object({ queues: Type.Array(Type.Object({ id: Type.String({ pattern: FLOW_ID_PATTERN }) })) });

// Compile-time guard: the schema and the TypeScript types describe the same data (modulo readonly).
export type FlowFile = Static<typeof FlowFileSchema>;
export type _SchemaMatchesFlowSource = Assert<SameShape<FlowFile, FlowSource>>;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type _SchemaAssignableBothWays = Assert<Mutual<DeepReadonly<FlowFile>, FlowSource>>;
export type _RoutesSchemaMatchesFlowRoutes = Assert<SameShape<Static<typeof RoutesFileSchema>, FlowRoutes>>;
