// The command-line options both SIPp load benchmarks take for the caller's journey (the single box's
// bench/sipp-load.bench.ts and the cluster's bench/cluster-load.bench.ts), read and checked once.
import path from 'node:path';
import type { LoadBenchOptions } from './load-types.js';

/** parseArgs options of the journey, with each benchmark's own defaults for the rates and the talk. */
export function journeyArgs(defaults: { readonly rates: string; readonly talk: string }) {
  return {
    rates: { type: 'string', default: defaults.rates },
    'step-seconds': { type: 'string', default: '60' },
    talk: { type: 'string', default: defaults.talk },
    hold: { type: 'string', default: '8' },
    'key-after-ms': { type: 'string', default: '1500' },
    agents: { type: 'string', default: 'auto' },
    wrapup: { type: 'string', default: '5' },
    'warm-up': { type: 'string', default: '10' },
    admission: { type: 'string', default: 'auto' },
    recorder: { type: 'string', default: 'channel' },
    menus: { type: 'string', default: 'server' },
    'ami-action-links': { type: 'string', default: '4' },
    'max-calls': { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
  } as const;
}

export interface JourneyValues {
  readonly rates: string;
  readonly 'step-seconds': string;
  readonly talk: string;
  readonly hold: string;
  readonly 'key-after-ms': string;
  readonly agents: string;
  readonly wrapup: string;
  readonly 'warm-up': string;
  readonly admission: string;
  readonly recorder: string;
  readonly menus: string;
  readonly 'ami-action-links': string;
  readonly 'max-calls': string;
  readonly keep: boolean;
}

/** `--menus`: who runs the IVR menus, the server's engine (the product's default) or the flows compiled into the dialplan (the prototype). */
const MENUS_SETTING: Readonly<Record<string, string>> = { server: 'off', dialplan: 'on' };

type JourneyOptions = Pick<LoadBenchOptions, 'rates' | 'stepSeconds' | 'talkSeconds' | 'holdSeconds' | 'keyAfterMs' | 'agents' | 'wrapUpSeconds' | 'warmUpCalls' | 'keep' | 'serverEnv' | 'resultsDir' | 'command'>;

/** The journey's part of the benchmark's options; `script` names the benchmark in the report's command. */
export function journeyOptions(values: JourneyValues, script: string): JourneyOptions {
  return {
    rates: values.rates.split(',').map(Number),
    stepSeconds: Number(values['step-seconds']),
    talkSeconds: Number(values.talk),
    holdSeconds: Number(values.hold),
    keyAfterMs: Number(values['key-after-ms']),
    agents: values.agents === 'auto' ? 'auto' : Number(values.agents),
    wrapUpSeconds: Number(values.wrapup),
    warmUpCalls: Number(values['warm-up']),
    keep: values.keep,
    serverEnv: { HOTLINE_ADMISSION: values.admission, HOTLINE_CONVERSATION_RECORDER: values.recorder, HOTLINE_IVR_IN_DIALPLAN: MENUS_SETTING[values.menus] ?? values.menus, HOTLINE_AMI_ACTION_LINKS: values['ami-action-links'], HOTLINE_MAX_CALLS: values['max-calls'] },
    resultsDir: path.resolve('bench/results'),
    command: `npx tsx ${script} ${process.argv.slice(2).join(' ')}`.trim(),
  };
}

/** Whether the journey's options make sense (at most 40 rates, steps of 10 s or more, …); `minAgents` is the benchmark's own floor. */
export function validJourney(o: JourneyOptions, minAgents: number): boolean {
  const whole = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;
  return (
    o.rates.length > 0 && o.rates.length <= 40 && o.rates.every((r) => r > 0) && o.stepSeconds >= 10 && o.talkSeconds >= 1 && whole(o.holdSeconds, 1) && o.keyAfterMs >= 0 &&
    (o.agents === 'auto' || o.agents >= minAgents) && o.wrapUpSeconds >= 0 && o.warmUpCalls >= 0 && ['auto', 'off'].includes(o.serverEnv?.HOTLINE_ADMISSION ?? 'auto') &&
    ['channel', 'snoop'].includes(o.serverEnv?.HOTLINE_CONVERSATION_RECORDER ?? 'channel') && ['off', 'on'].includes(o.serverEnv?.HOTLINE_IVR_IN_DIALPLAN ?? 'off') &&
    /^\d+$/.test(o.serverEnv?.HOTLINE_AMI_ACTION_LINKS ?? '4') && /^\d+$/.test(o.serverEnv?.HOTLINE_MAX_CALLS ?? '0')
  );
}
