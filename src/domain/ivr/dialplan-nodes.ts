// One flow node as a dialplan context (extensions.conf text): what the engine would do at that node,
// step for step, written so Asterisk runs it in the caller's own channel thread. Every step the
// engine puts on the IVR path is appended to HOTLINE_IVR_PATH here, in the engine's words
// (see dialplan-path.ts), at the same moment the engine would record it.
import type { BranchNode, Condition, HangupNode, HoursNode, MenuNode, PlayNode, QueueNode, SetNode } from './flow-types.js';
import { awayContext } from './dialplan-marks.js';
import { goToNode, PATH_VARIABLE, POP_HANDLER, type Assignment, type Extension } from './dialplan-extension.js';
import { encodeText, stepFields } from './dialplan-path.js';
import { SURVEY_ENDED } from './dialplan-survey.js';
import type { GlobalKey } from './ivr-protocol.js';

/** A context name, or what `Goto()` needs to reach it. */
export type ContextOf = (target: import('./flow-types.js').Target) => string;

export interface NodeScope {
  readonly flowId: string;
  readonly flowName: string;
  readonly nodeId: string;
  /** Global keys that act here (the engine's rule applied: a key back to this flow's start does not). */
  readonly globalKeys: readonly [string, GlobalKey][];
  readonly contextOf: ContextOf;
  /** The version's short hash, handed back with the call so the server knows which flows ran. */
  readonly version: string;
  /** The number a play sets HOTLINE_PLAYING to (see dialplan-marks.ts: what a hang-up during it leaves on the path). */
  readonly playNumber: (prompts: readonly string[]) => number;
}

/** Milliseconds since the epoch at the moment the step runs (ast_strftime's %3q). */
const NOW = '${STRFTIME(,,%s%3q)}';

const step = (fields: string): string => `|${NOW}/${fields}`;
const steps = (fields: readonly string[]): string => fields.map(step).join('');

/** Steps added to the path, with other variables set in the same step. */
const append = (fields: readonly string[], ...pairs: string[]): Assignment => ({ path: steps(fields), pairs });
/** The interrupted-prompt step, only when a prompt was still playing as the key came (HOTLINE_PLAYING, 0 when none). */
const appendCut = (promptLabel: string, ...fields: string[]): Assignment => ({ path: `\${IF($[\${HOTLINE_PLAYING}]?${step(`p/${promptLabel}/interrupted`)})}${steps(fields)}`, pairs: [] });
const sounds = (prompts: readonly string[]): string => prompts.map((prompt) => `hotline/\${HOTLINE_LANG}/${prompt}`).join('&');
const playing = (scope: NodeScope, prompts: readonly string[]): string => `HOTLINE_PLAYING=${scope.playNumber(prompts)}`;
const NOT_PLAYING = 'HOTLINE_PLAYING=0';
/**
 * How a menu's prompt ended, as the engine writes it: `failed` when Asterisk could not play it (a
 * sound file gone since the flows were checked). Background then goes on with the next line and
 * says so in its status (ControlPlayback's plays read theirs below).
 */
const HEARD = '${IF($["${BACKGROUNDSTATUS}" = "FAILED"]?failed:played)}';

const nodeStep = (scope: NodeScope): string => stepFields({ at: 0, kind: 'node', flow: scope.flowId, node: scope.nodeId, flowName: scope.flowName });

function globalKeyExtensions(scope: NodeScope, promptLabel: string): Extension[] {
  return scope.globalKeys.map(([key, global]) => ({
    name: key,
    lines: [appendCut(promptLabel, `k/${encodeText(key)}/${encodeText(global.label)}/g`), goToNode(scope.contextOf({ flow: global.flow, node: global.node }))],
  }));
}

export function menuContext(scope: NodeScope, node: MenuNode): Extension[] {
  const cut = node.prompt;
  const retry = (kind: 'timeout' | 'invalid', extraPrompt: string | undefined, route: string): Extension['lines'] => {
    const prompts = extraPrompt ? [extraPrompt, node.prompt] : [node.prompt];
    return [{ path: '', pairs: ['HOTLINE_TRIES=$[${HOTLINE_TRIES}+1]'] }, `GotoIf($[\${HOTLINE_TRIES} > ${node.retries}]?${kind})`, `Set(${playing(scope, prompts)})`, `Background(${sounds(prompts)})`, 'Goto(s,heard)', { label: kind, app: goToNode(route) }];
  };
  const noInput = scope.contextOf(node.noInput);
  const invalid = scope.contextOf(node.invalid ?? node.noInput);
  return [
    {
      name: 's',
      lines: [
        append([nodeStep(scope)], 'HOTLINE_TRIES=0', playing(scope, [node.prompt])),
        `Background(${sounds([node.prompt])})`,
        { label: 'heard', ...append([`p/${node.prompt}/${HEARD}`], NOT_PLAYING) },
        `WaitExten(${node.timeoutSeconds})`,
      ],
    },
    ...Object.entries(node.options).map(([key, option]) => ({
      name: key,
      lines: [appendCut(cut, `k/${encodeText(key)}/${encodeText(option.label)}/`), goToNode(scope.contextOf(option.next))],
    })),
    // The engine lets a menu's own option win over nothing; the checker forbids an option that a global key takes.
    ...globalKeyExtensions(scope, cut).filter((ext) => !(ext.name in node.options)),
    { name: 'i', lines: [appendCut(cut, `i/${scope.nodeId}/\${INVALID_EXTEN}`), ...retry('invalid', node.invalidPrompt, invalid)] },
    { name: 't', lines: [append([`t/${scope.nodeId}`]), ...retry('timeout', node.noInputPrompt, noInput)] },
  ];
}

/**
 * Whether a dialplan application starts a prompt: Background and Playback (the menus', and any
 * plain dialplan's), ControlPlayback (a compiled play the caller cannot cut). Asterisk writes
 * BackGround: compared without case. A ControlPlayback that resumes after an ignored key starts again.
 */
export function isPromptApplication(app: string): boolean {
  return PROMPT_APPLICATIONS.has(app.toLowerCase());
}
const PROMPT_APPLICATIONS = new Set(['background', 'playback', 'controlplayback']);

/** Every key a phone sends: each one stops ControlPlayback, so none goes unseen. */
const STOP_KEYS = '0123456789*#';
/** Where a prompt starts: where the caller's key stopped it, or its beginning. */
const RESUME_AT = '${IF($["${CPLAYBACKSTATUS}" = "USERSTOPPED"]?${CPLAYBACKOFFSET}:0)}';
/** Set with a play's first step: a status left by an earlier play must not move this one's start. */
const FRESH_PLAY = 'CPLAYBACKSTATUS=';

/**
 * Prompts the caller cannot cut (a play without barge-in, a hang-up's goodbye), one ControlPlayback
 * each, which every key stops: a global key in effect goes to its extension (its step says the prompt
 * was cut); any other is written as `ignored`, as the engine writes it, and the prompt goes on from
 * where it stopped (`o()`). Playback would drop such keys unseen. C and D, which no phone's keypad
 * has, are ControlPlayback's rewind and fast-forward keys, so no key a caller presses moves a prompt.
 * A prompt Asterisk cannot play (status ERROR) ends the play there, every prompt of it `failed`, as
 * the engine marks them; then `after` joins the prompts' steps.
 */
function playsWithoutBargeIn(scope: NodeScope, prompts: readonly string[], ...after: string[]): Extension['lines'] {
  const label = (i: number): string => (i < prompts.length ? `play${i}` : 'heard');
  const lines = prompts.flatMap((prompt, i): Extension['lines'] => [
    { label: label(i), app: `ControlPlayback(hotline/\${HOTLINE_LANG}/${prompt},,D,C,${STOP_KEYS},,,o(${RESUME_AT}))` },
    `GotoIf($["\${CPLAYBACKSTATUS}" != "USERSTOPPED"]?${i + 1 < prompts.length ? `\${IF($["\${CPLAYBACKSTATUS}" = "ERROR"]?heard:${label(i + 1)})}` : 'heard'})`,
    ...scope.globalKeys.map(([key]) => `GotoIf($["\${CPLAYBACKSTOPKEY}" = "${key}"]?${key},1)`),
    append(['k/${CPLAYBACKSTOPKEY}/ignored/']),
    `Goto(${label(i)})`,
  ]);
  const outcome = '${IF($["${CPLAYBACKSTATUS}" = "ERROR"]?failed:played)}';
  return [...lines, { label: 'heard', ...append([...prompts.map((p) => `p/${p}/${outcome}`), ...after], NOT_PLAYING) }];
}

/** A play without barge-in: a global key in effect cuts it; any other key is written as ignored. */
export function playContext(scope: NodeScope, node: PlayNode): Extension[] {
  const keys = globalKeyExtensions(scope, node.prompts.join('+'));
  return [{ name: 's', lines: [append([nodeStep(scope)], playing(scope, node.prompts), FRESH_PLAY), ...playsWithoutBargeIn(scope, node.prompts), goToNode(scope.contextOf(node.next))] }, ...keys];
}

/** The facts the server decides at arrival (registries, dialed number, hours), as the dialplan reads them. */
export function factName(condition: Condition | { readonly open: string }): string | null {
  if ('open' in condition) return `open:${condition.open}`;
  if ('caller' in condition) return `caller:${condition.caller}`;
  if ('dialed' in condition) return `dialed:${condition.dialed}`;
  return null;
}

/** A change time no call reaches: the schedule does not change within its horizon. */
const NEVER_SECONDS = '99999999999';

/**
 * The fact that tells the dialplan when a schedule's hours next change, in epoch seconds: the
 * compiled hours node reads the hours as they are when it is reached, as the engine does, not as
 * they were at arrival. Changes fall on whole minutes, so seconds are exact.
 */
export function hoursChangeFact(scheduleId: string, changeAt: number | null): string {
  return `change:${scheduleId}@${changeAt === null ? NEVER_SECONDS : Math.ceil(changeAt / 1000)}`;
}

const pattern = (fact: string): string => fact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function holds(condition: Condition | { readonly open: string }): string {
  if ('language' in condition) return `$["\${HOTLINE_LANG}" = "${condition.language}"]`;
  const fact = factName(condition) ?? '';
  return `$["\${HOTLINE_FACTS}" =~ "/${pattern(fact)}/"]`;
}

/**
 * The first case that holds, or the otherwise, chosen in one step: nested IFs, each substituted
 * (and its condition with it) before the one around it reads `?` and `:`. Context names have neither.
 */
export function branchContext(scope: NodeScope, node: BranchNode): Extension[] {
  const target = node.cases.reduceRight((otherwise, c) => `\${IF(${holds(c.when)}?${scope.contextOf(c.next)}:${otherwise})}`, scope.contextOf(node.otherwise));
  return [{ name: 's', lines: [append([nodeStep(scope)]), goToNode(target)] }];
}

/**
 * Open or closed as the server found the schedule at arrival (HOTLINE_FACTS), turned over when the
 * schedule has changed since (its change fact): the hours when the node is reached, as the engine
 * reads them. A caller who stays in the menus across two changes of one schedule gets the first
 * only: that takes an open range or a closed gap shorter than a caller's time in the menus, which
 * real hours do not have.
 * A fact that cannot be read leaves the comparison empty, which IF takes as false: the arrival's
 * answer. (IF, not ExecIf: app_exec is not among the modules the project loads.)
 */
export function hoursContext(scope: NodeScope, node: HoursNode): Extension[] {
  const changeAt = `$["\${HOTLINE_FACTS}" =~ "/change:${pattern(node.schedule)}@([0-9]+)/"]`;
  const openAtArrival = `\${IF(${holds({ open: node.schedule })}?1:0)}`;
  const changedSince = `\${IF($[\${EPOCH} >= ${changeAt}]?1:0)}`;
  // Open now: open at arrival, unless the hours changed since (one of the two, not both).
  return [{ name: 's', lines: [append([nodeStep(scope)]), `GotoIf($[${openAtArrival} != ${changedSince}]?${scope.contextOf(node.open)},s,1:${scope.contextOf(node.closed)},s,1)`] }];
}

export function gotoContext(scope: NodeScope, target: import('./flow-types.js').Target): Extension[] {
  return [{ name: 's', lines: [append([nodeStep(scope)]), goToNode(scope.contextOf(target))] }];
}

/** The hand-back after the step that pops the menus' hangup handler (the server writes the ticket from here). */
const stasis = (version: string, args: string): readonly string[] => [
  `Stasis(\${HOTLINE_APP},entry=\${HOTLINE_ENTRY},linkedid=\${CHANNEL(linkedid)},${args},path=\${${PATH_VARIABLE}})`,
  // The server is down: the call is marked for its ticket and the caller still reaches a human (the same fallback as at arrival).
  `GotoIf($["\${STASISSTATUS}" = "FAILED"]?${awayContext(version)},s,1)`,
  'Hangup()',
];

/** The hand-over: the server takes the call at the queue, with the path taken in the menus. */
export function queueContext(scope: NodeScope, node: QueueNode): Extension[] {
  const skills = (node.skills ?? []).map(encodeText).join('+');
  const outcome = stepFields({ at: 0, kind: 'outcome', outcome: 'queued', detail: node.queue });
  return [{ name: 's', lines: [append([nodeStep(scope), outcome], POP_HANDLER), ...stasis(scope.version, `ivr=queued,version=${scope.version},queue=${node.queue},priority=${node.priority ?? ''},skills=${skills}`)] }];
}

/** A node the dialplan cannot run (it needs the server's data or I/O): the server's engine resumes there. */
export function handBackContext(scope: NodeScope): Extension[] {
  return [{ name: 's', lines: [`Set(${POP_HANDLER})`, ...stasis(scope.version, `ivr=resume,version=${scope.version},flow=${scope.flowId},node=${scope.nodeId}`)] }];
}

/**
 * A set node (compiled in the survey only, whose end hands its variables over): the values go on
 * HOTLINE_IVR_VARS as `|name=value`, encoded like the path's free text.
 */
export function setContext(scope: NodeScope, node: SetNode): Extension[] {
  const values = Object.entries(node.variables ?? {}).map(([name, value]) => `|${encodeText(name)}=${encodeText(value)}`);
  const vars = values.length > 0 ? [`HOTLINE_IVR_VARS=\${HOTLINE_IVR_VARS}${values.join('')}`] : [];
  const language = node.language ? [`HOTLINE_LANG=${encodeText(node.language)}`] : [];
  return [{ name: 's', lines: [append([nodeStep(scope)], ...vars, ...language), goToNode(scope.contextOf(node.next))] }];
}

/**
 * A hang-up (in the survey only): its prompt heard to the end, as the engine plays it; then the
 * survey's end goes to the server and the line is cleared. The event goes before the hangup handler
 * is popped: a caller who hangs up in between then makes the handler send it a second time, which
 * the server ignores, where the other order could let the call's end go unsent.
 */
export function hangupContext(scope: NodeScope, node: HangupNode): Extension[] {
  const outcome = stepFields({ at: 0, kind: 'outcome', outcome: 'hangup' });
  const lines = node.prompt ? [append([nodeStep(scope)], playing(scope, [node.prompt]), FRESH_PLAY), ...playsWithoutBargeIn(scope, [node.prompt], outcome)] : [append([nodeStep(scope), outcome])];
  return [{ name: 's', lines: [...lines, SURVEY_ENDED, `Set(${POP_HANDLER})`, 'Hangup()'] }, ...(node.prompt ? globalKeyExtensions(scope, node.prompt) : [])];
}
