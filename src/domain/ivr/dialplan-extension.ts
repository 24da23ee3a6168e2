// One extension of a compiled dialplan context: its name and its priorities in order (a line may
// carry a label that a Goto names).
export interface Extension {
  readonly name: string;
  readonly lines: readonly Line[];
}

/** A priority: an application with its arguments, labelled or not, or variables set in one step. */
export type Line = string | { readonly label: string; readonly app: string } | Assignment;

/**
 * Variables set in one step, kept apart until the text is written so that two steps in a row can
 * become one (dialplan-steps.ts): `path` is what the step appends to HOTLINE_IVR_PATH ('' for
 * nothing), `pairs` the other `NAME=value`s.
 */
export interface Assignment {
  readonly label?: string;
  readonly path: string;
  readonly pairs: readonly string[];
}

export const PATH_VARIABLE = 'HOTLINE_IVR_PATH';
/** The server takes the call back: the menus' hangup handler must not mark it too. */
export const POP_HANDLER = 'CHANNEL(hangup_handler_pop)=';
/** A jump to another compiled node's first step. */
export const goToNode = (context: string): string => `Goto(${context},s,1)`;
/** The node a line jumps to the first step of ({@link goToNode}), if it is such a jump to a named node. */
export function nodeJumpedTo(line: Line): string | undefined {
  return typeof line === 'string' ? /^Goto\(([A-Za-z0-9_-]+),s,1\)$/.exec(line)?.[1] : undefined;
}
/** The hangup handler pushed as a variable of an MSet: the quotes keep its commas in one value. */
export const pushHandler = (context: string): string => `CHANNEL(hangup_handler_push)="${context},s,1"`;

/**
 * Variables set in one dialplan step: `MSet` for several, `Set` for one. Each step a channel runs
 * publishes a new snapshot of it that every subscriber (AMI, CDR, CEL, the ARI applications that
 * watch the channel) receives, so a step that sets three variables costs Asterisk a third of three
 * steps. MSet splits its arguments on commas after the values are substituted, and strips quotes and
 * backslashes: every value set through it is the path's percent-encoded text, a number, ids and
 * facts the flow schema limits to letters, digits and `-:@/|#*+=`, none of which it reads, or a
 * quoted hangup handler (`"context,s,1"`, whose commas the quotes keep in one value).
 */
export const assign = (...pairs: string[]): string => (pairs.length === 1 ? `Set(${pairs[0]})` : `MSet(${pairs.join(',')})`);

export function isAssignment(line: Line): line is Assignment {
  return typeof line !== 'string' && 'pairs' in line;
}

/** The application a line runs, as extensions.conf writes it. */
export function lineApp(line: Line): string {
  if (!isAssignment(line)) return typeof line === 'string' ? line : line.app;
  const path = line.path === '' ? [] : [`${PATH_VARIABLE}=\${${PATH_VARIABLE}}${line.path}`];
  return assign(...path, ...line.pairs);
}

/** A line's label, if it has one. */
export function lineLabel(line: Line): string | undefined {
  return typeof line === 'string' ? undefined : line.label;
}
