// What Asterisk's `dialplan show s@agent-leg` says of the context the agents' legs are dialed into
// (dialplan/hotline.conf): the recorder, then the hand-over to the application. An Asterisk run
// elsewhere may carry an older copy of that file without it, and a leg dialed into a context that
// is not there is hung up the moment the agent answers.

/** `ready`: both steps are there; `missing`: no such context or extension; `incomplete`: one of the steps is not. */
export type AgentLegDialplan = 'ready' | 'missing' | 'incomplete';

export const AGENT_LEG_SHOW_COMMAND = 'dialplan show s@agent-leg';

/** Reads the command's output lines (AMI `Command`, one line each). */
export function readAgentLegDialplan(lines: readonly string[]): AgentLegDialplan {
  const text = lines.join('\n');
  if (/There is no existence of/i.test(text) || !/'s'\s*=>/.test(text)) return 'missing';
  const records = /\bMixMonitor\(/i.test(text);
  const hands = /\bStasis\(/i.test(text);
  return records && hands ? 'ready' : 'incomplete';
}
