// Checks of one node against what exists outside the flow: queues, schedules, prompt texts and audio,
// and the details a schema cannot express (a regular expression that compiles, min ≤ max).
import { nodePrompts } from './flow-graph.js';
import type { FlowLimits } from './flow-limits.js';
import { flowProblem, type FlowProblem } from './flow-problems.js';
import type { FlowNode } from './flow-types.js';
import { chinaDay } from './spoken-numbers.js';
import { partVariable } from './say-node.js';

export interface NodeCheckContext {
  readonly knownQueues: ReadonlySet<string>;
  readonly knownPrompts: ReadonlyMap<string, ReadonlySet<string>>;
  readonly promptAudio?: ReadonlyMap<string, ReadonlySet<string>>;
  readonly knownSchedules: ReadonlySet<string>;
  readonly limits: FlowLimits;
}

function regexError(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function checkPrompts(ctx: NodeCheckContext, file: string, base: string, node: FlowNode): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const { path, prompt } of nodePrompts(node)) {
    const where = `${base}.${path}`;
    const textless = [...ctx.knownPrompts].filter(([, ids]) => !ids.has(prompt)).map(([lang]) => lang);
    if (textless.length > 0) {
      problems.push(flowProblem(file, where, 'FLOW_UNKNOWN_PROMPT', `prompt '${prompt}' has no text in ${textless.map((l) => `prompts/${l}.yaml`).join(', ')}`));
      continue;
    }
    const silent = [...(ctx.promptAudio ?? [])].filter(([, ids]) => !ids.has(prompt)).map(([lang]) => lang);
    if (silent.length > 0) problems.push(flowProblem(file, where, 'FLOW_PROMPT_AUDIO_MISSING', `prompt '${prompt}' has no audio for ${silent.join(', ')} (run npm run prompts)`));
  }
  return problems;
}

function checkDetails(ctx: NodeCheckContext, file: string, base: string, node: FlowNode): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const schema = (path: string, message: string) => problems.push(flowProblem(file, `${base}.${path}`, 'FLOW_SCHEMA_VIOLATION', message));
  switch (node.type) {
    case 'menu':
    case 'collect':
      if (node.noInput === undefined) problems.push(flowProblem(file, base, 'FLOW_MENU_NO_INPUT_ROUTE', `a ${node.type} needs a noInput route: where a caller who presses nothing goes`));
      if (node.type === 'collect' && node.minLength > node.maxLength) schema('minLength', `minLength ${node.minLength} is greater than maxLength ${node.maxLength}`);
      if (node.type === 'collect' && node.pattern !== undefined && regexError(node.pattern)) schema('pattern', `not a valid regular expression: ${regexError(node.pattern)}`);
      break;
    case 'branch':
      node.cases.forEach((c, i) => {
        if ('matches' in c.when && c.when.matches !== undefined && regexError(c.when.matches)) schema(`cases.${i}.when.matches`, `not a valid regular expression: ${regexError(c.when.matches)}`);
      });
      break;
    case 'queue':
      if (!ctx.knownQueues.has(node.queue)) problems.push(flowProblem(file, `${base}.queue`, 'FLOW_UNKNOWN_QUEUE', `no queue '${node.queue}' (known: ${[...ctx.knownQueues].sort().join(', ') || 'none'})`));
      break;
    case 'hours':
      if (!ctx.knownSchedules.has(node.schedule)) problems.push(flowProblem(file, `${base}.schedule`, 'FLOW_BAD_CALENDAR', `no schedule '${node.schedule}' in schedules.yaml`));
      break;
    case 'say':
      if (node.parts.length === 0) problems.push(flowProblem(file, `${base}.parts`, 'FLOW_SAY_EMPTY', 'a say node needs at least one part'));
      node.parts.forEach((part, i) => {
        if ('date' in part && partVariable(part) === null && chinaDay(part.date) === null) schema(`parts.${i}.date`, `'${part.date}' is no day of the calendar`);
      });
      break;
    case 'set':
      if (node.language !== undefined && !ctx.knownPrompts.has(node.language)) problems.push(flowProblem(file, `${base}.language`, 'FLOW_UNKNOWN_PROMPT', `no prompts for language '${node.language}' (no prompts/${node.language}.yaml)`));
      break;
    default:
      break;
  }
  return problems;
}

export function checkNode(ctx: NodeCheckContext, file: string, base: string, node: FlowNode): FlowProblem[] {
  return [...checkDetails(ctx, file, base, node), ...checkPrompts(ctx, file, base, node)];
}
