// The baseline of the load benchmark: the citizen's journey of the hotline's main flow done by
// Asterisk alone, with the dialplan and app_queue (no ARI, no hotline server): the same prompts
// and keys (main menu 1 → consult menu 3 → help menu 1 → the general queue), the agents' same
// phones, longest-idle routing, the same ring timeout and wrap-up, and the conversation recorded
// while bridged (MixMonitor's b option, as the hotline records its conversation bridge).

export interface BaselineSettings {
  /** The number that reaches the baseline instead of the hotline application. */
  readonly number: string;
  readonly agentIds: readonly string[];
  readonly wrapUpSeconds: number;
  readonly ringTimeoutSeconds: number;
  readonly promptLanguage: string;
}

export const BASELINE_QUEUE = 'bench-baseline';

/** Dialplan: an exact extension in [from-citizen] wins over the hotline's _X. pattern. */
export function baselineDialplan(settings: BaselineSettings): string {
  const sound = (name: string): string => `hotline/${settings.promptLanguage}/${name}`;
  return [
    '; Load-benchmark baseline (bench/load/baseline-config.ts): the main flow in plain dialplan + app_queue.',
    '[from-citizen]',
    `exten => ${settings.number},1,Goto(bench-base-main,s,1)`,
    '',
    '; 主菜单: 1 → consult menu, 2 and 0 go to the queue here (their own lanes in the hotline); no key → the queue.',
    '[bench-base-main]',
    'exten => s,1,Answer()',
    ` same => n,Background(${sound('main_menu')})`,
    ' same => n,WaitExten(1)',
    'exten => 1,1,Goto(bench-base-consult,s,1)',
    'exten => _[02-9*#],1,Goto(bench-base-queue,s,1)',
    'exten => t,1,Goto(bench-base-queue,s,1)',
    'exten => i,1,Goto(bench-base-queue,s,1)',
    '',
    '[bench-base-consult]',
    `exten => s,1,Background(${sound('consult_menu')})`,
    ' same => n,WaitExten(3)',
    'exten => _[12],1,Goto(bench-base-queue,s,1)',
    'exten => 3,1,Goto(bench-base-help,s,1)',
    'exten => t,1,Goto(bench-base-queue,s,1)',
    'exten => i,1,Goto(bench-base-queue,s,1)',
    '',
    '[bench-base-help]',
    `exten => s,1,Background(${sound('help_menu')})`,
    ' same => n,WaitExten(3)',
    'exten => _[12],1,Goto(bench-base-queue,s,1)',
    'exten => t,1,Goto(bench-base-queue,s,1)',
    'exten => i,1,Goto(bench-base-queue,s,1)',
    '',
    '[bench-base-queue]',
    'exten => s,1,MixMonitor(bench-baseline/${UNIQUEID}.wav,b)',
    ` same => n,Queue(${BASELINE_QUEUE},,,,3600)`,
    ' same => n,Hangup()',
    '',
  ].join('\n');
}

/** queues.conf section: every agent's phone, longest idle first, one call at a time each. */
export function baselineQueue(settings: BaselineSettings): string {
  return [
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
