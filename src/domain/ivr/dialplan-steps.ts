// Fewer steps for the same menus: variables set in two steps in a row become one step, also across
// a Goto into the next node's context. Every step a channel runs publishes a snapshot of it to every
// subscriber of Asterisk's channel topics (AMI, CDR, CEL, ARI applications watching the endpoint),
// so a caller's key that sets the path, jumps, and sets the next node's variables costs three
// messages to each, and one when the key's step sets the next node's variables too and jumps past
// that node's first step. The result is the same channel state after the same keys: MSet substitutes
// all its values before it sets any, so two steps are joined only when the second reads nothing the
// first sets (and they set different variables); the path, which both append to, is appended once
// with both steps' text in order. Pure: contexts in, contexts out.
import { isAssignment, nodeJumpedTo, PATH_VARIABLE, POP_HANDLER, type Assignment, type Extension, type Line } from './dialplan-extension.js';

/** Goto chains are short (a set node, a goto node); the bound only guards against a cycle of them. */
const MAX_HOPS = 8;

const variableName = (pair: string): string => pair.slice(0, pair.indexOf('='));

/**
 * The two steps as one, or null when the second reads or sets a variable the first sets. Across a
 * jump, a step that pops the menus' hangup handler is left where it is, right before `Stasis()`: a
 * caller hanging up after the pop and before the server has the call is marked by nobody, and a
 * jump in between would make that moment longer.
 */
export function joinAssignments(first: Assignment, second: Assignment, acrossJump = false): Assignment | null {
  if (second.label !== undefined) return null;
  if (acrossJump && second.pairs.includes(POP_HANDLER)) return null;
  const setFirst = [...first.pairs.map(variableName), ...(first.path === '' ? [] : [PATH_VARIABLE])];
  const setSecond = new Set(second.pairs.map(variableName));
  // The path both append to is joined below (the appended text never names it); the second's other values must not read it.
  const readBySecond = [second.path, ...second.pairs.map((pair) => pair.slice(pair.indexOf('=') + 1))].join('\n');
  if (setFirst.some((name) => setSecond.has(name) || readBySecond.includes(name))) return null;
  return { ...(first.label === undefined ? {} : { label: first.label }), path: first.path + second.path, pairs: [...first.pairs, ...second.pairs] };
}

/** The first line of a context's `s` extension and what follows it, when that line sets variables. */
function startOf(contexts: ReadonlyMap<string, readonly Extension[]>, context: string): { readonly first: Assignment; readonly second: Line } | null {
  const [first, second] = contexts.get(context)?.find((ext) => ext.name === 's')?.lines ?? [];
  return first !== undefined && second !== undefined && isAssignment(first) ? { first, second } : null;
}

/** Two steps in a row that set variables, the second not jumped to (unlabelled): one step. */
function joinNeighbours(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    const joined = last !== undefined && isAssignment(last) && isAssignment(line) ? joinAssignments(last, line) : null;
    if (joined) out[out.length - 1] = joined;
    else out.push(line);
  }
  return out;
}

/**
 * A step that sets variables, then a jump to a node whose first step sets its own: one step, and a
 * jump to the node's second priority (or, when that is a jump to a further node, on to that one).
 * The targets are read as they were before this pass, whose changes keep every priority's number.
 */
function joinJumps(contexts: ReadonlyMap<string, readonly Extension[]>, lines: readonly Line[]): Line[] {
  const out = [...lines];
  for (let i = 0; i + 1 < out.length; i += 1) {
    const line = out[i]!;
    if (!isAssignment(line)) continue;
    let assignment: Assignment = line;
    let jump = out[i + 1]!;
    let target = nodeJumpedTo(jump);
    for (let hops = 0; target !== undefined && hops < MAX_HOPS; hops += 1) {
      const start = startOf(contexts, target);
      const joined = start ? joinAssignments(assignment, start.first, true) : null;
      if (!start || !joined) break;
      assignment = joined;
      const second = start.second;
      const onward = nodeJumpedTo(second);
      jump = onward === undefined ? `Goto(${target},s,2)` : second;
      target = onward;
    }
    out[i] = assignment;
    out[i + 1] = jump;
  }
  return out;
}

/** Every context with its steps joined where the channel ends up the same. */
export function joinSteps(contexts: ReadonlyMap<string, readonly Extension[]>): Map<string, Extension[]> {
  const map = (from: ReadonlyMap<string, readonly Extension[]>, join: (lines: readonly Line[]) => Line[]): Map<string, Extension[]> =>
    new Map([...from].map(([name, extensions]) => [name, extensions.map((ext) => ({ name: ext.name, lines: join(ext.lines) }))]));
  const neighbours = map(contexts, joinNeighbours);
  return map(neighbours, (lines) => joinJumps(neighbours, lines));
}
