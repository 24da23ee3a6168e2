// The baseline of the load benchmark: the citizen's journey of the hotline's main flow done by
// Asterisk alone, with the dialplan and app_queue (no ARI, no hotline server): the same prompts
// and keys (main menu 1 → consult menu 3 → help menu 1), the same wait in line with a place-in-line
// announcement on entry (the hotline's benchmark queues hold every caller as long, see
// bench-files.ts), the agents' same phones, longest-idle routing, the same ring timeout and
// wrap-up, the conversation recorded while bridged (MixMonitor's b option, as the hotline records
// only the conversation), and the hotline's satisfaction survey after the agent hangs up.

export interface BaselineSettings {
  /** The number that reaches the baseline instead of the hotline application. */
  readonly number: string;
  readonly agentIds: readonly string[];
  readonly wrapUpSeconds: number;
  readonly ringTimeoutSeconds: number;
  readonly promptLanguage: string;
  /** Seconds every caller waits in line before the agents' queue takes them. */
  readonly holdSeconds: number;
}

/** The number the baseline's citizens call (the hotline's is 12345). */
export const BASELINE_NUMBER = '99012345';
export const BASELINE_QUEUE = 'bench-baseline';
export const BASELINE_HOLD_QUEUE = 'bench-baseline-hold';

const sound = (settings: BaselineSettings, name: string): string => `hotline/${settings.promptLanguage}/${name}`;

/** The main flow's three menus (ivr-flows/main.yaml), as Background() + WaitExten(). */
function menus(settings: BaselineSettings): string[] {
  return [
    '; 主菜单: 1 → consult menu, 2 and 0 go to the queue here (their own lanes in the hotline); no key → the queue.',
    '[bench-base-main]',
    'exten => s,1,Answer()',
    ` same => n,Background(${sound(settings, 'main_menu')})`,
    ' same => n,WaitExten(1)',
    'exten => 1,1,Goto(bench-base-consult,s,1)',
    'exten => _[02-9*#],1,Goto(bench-base-queue,s,1)',
    'exten => t,1,Goto(bench-base-queue,s,1)',
    'exten => i,1,Goto(bench-base-queue,s,1)',
    '',
    '[bench-base-consult]',
    `exten => s,1,Background(${sound(settings, 'consult_menu')})`,
    ' same => n,WaitExten(3)',
    'exten => _[12],1,Goto(bench-base-queue,s,1)',
    'exten => 3,1,Goto(bench-base-help,s,1)',
    'exten => t,1,Goto(bench-base-queue,s,1)',
    'exten => i,1,Goto(bench-base-queue,s,1)',
    '',
    '[bench-base-help]',
    `exten => s,1,Background(${sound(settings, 'help_menu')})`,
    ' same => n,WaitExten(3)',
    'exten => _[12],1,Goto(bench-base-queue,s,1)',
    'exten => t,1,Goto(bench-base-queue,s,1)',
    'exten => i,1,Goto(bench-base-queue,s,1)',
    '',
  ];
}

/** The survey of ivr-flows/survey.yaml: a rating key thanks and hangs up; no key says goodbye. */
function survey(settings: BaselineSettings): string[] {
  return [
    '[bench-base-survey]',
    `exten => s,1,Background(${sound(settings, 'survey_question')})`,
    ' same => n,WaitExten(5)',
    `exten => _[123],1,Playback(${sound(settings, 'survey_thanks')})`,
    ' same => n,Hangup()',
    `exten => t,1,Playback(${sound(settings, 'goodbye')})`,
    ' same => n,Hangup()',
    `exten => i,1,Playback(${sound(settings, 'goodbye')})`,
    ' same => n,Hangup()',
    '',
  ];
}

/** Dialplan: an exact extension in [from-citizen] wins over the hotline's _X. pattern. */
export function baselineDialplan(settings: BaselineSettings): string {
  return [
    '; Load-benchmark baseline (bench/load/baseline-config.ts): the main flow in plain dialplan + app_queue.',
    '[from-citizen]',
    `exten => ${settings.number},1,Goto(bench-base-main,s,1)`,
    '',
    ...menus(settings),
    // The line first (no agent takes its calls: app_queue announces the place, then times out),
    // then the agents; `c`: the caller goes on in the dialplan, to the survey, when the agent hangs up.
    '[bench-base-queue]',
    'exten => s,1,MixMonitor(bench-baseline/${UNIQUEID}.wav,b)',
    ` same => n,Queue(${BASELINE_HOLD_QUEUE},,,,${settings.holdSeconds})`,
    ` same => n,Queue(${BASELINE_QUEUE},c,,,3600)`,
    ' same => n,Goto(bench-base-survey,s,1)',
    '',
    ...survey(settings),
  ].join('\n');
}

/**
 * queues.conf sections. The line: no members, the place announced on entry (as the hotline does
 * when no agent is free) with the hotline's own phrases, and again at most once a minute (the
 * hotline's announceEverySeconds). The agents' queue: every agent's phone, longest idle first, one
 * call at a time each, serving every waiting caller at once.
 */
export function baselineQueue(settings: BaselineSettings): string {
  return [
    `[${BASELINE_HOLD_QUEUE}]`,
    'musicclass = default',
    'joinempty = yes',
    'leavewhenempty = no',
    'announce-frequency = 60',
    'announce-position = yes',
    'announce-to-first-user = yes',
    'announce-holdtime = no',
    `queue-youarenext = ${sound(settings, 'queue_position_is')}`,
    `queue-thereare = ${sound(settings, 'queue_position_is')}`,
    `queue-callswaiting = ${sound(settings, 'queue_position_unit')}`,
    `queue-thankyou = ${sound(settings, 'queue_wait_long')}`,
    '',
    `[${BASELINE_QUEUE}]`,
    'strategy = leastrecent',
    'autofill = yes',
    'musicclass = default',
    'joinempty = yes',
    'leavewhenempty = no',
    `timeout = ${settings.ringTimeoutSeconds}`,
    'retry = 1',
    `wrapuptime = ${settings.wrapUpSeconds}`,
    'announce-frequency = 0',
    'ringinuse = no',
    ...settings.agentIds.map((id) => `member => PJSIP/agent-${id},0,${id}`),
    '',
  ].join('\n');
}
