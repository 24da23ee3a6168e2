// The indicators supervisors and the 12345 reports use, derived from counters. Ratios are null when
// their denominator is zero: "no calls yet" is not "0 %".
import type { QueueCounters } from './queue-counters.js';

export interface QueueKpis {
  /** Answered within threshold / answered (人工应答及时率). */
  readonly serviceLevel: number | null;
  /** Average speed of answer, seconds. */
  readonly asaSeconds: number | null;
  /** Average handling time (talk + wrap-up), seconds. */
  readonly ahtSeconds: number | null;
  /** Abandoned / (answered + abandoned); short abandons are left out of both. */
  readonly abandonRate: number | null;
}

export function queueKpis(c: QueueCounters): QueueKpis {
  return {
    serviceLevel: ratio(c.answeredInThreshold, c.answered),
    asaSeconds: seconds(c.totalAnswerWaitMs, c.answered),
    ahtSeconds: seconds(c.totalHandleMs, c.handled),
    abandonRate: ratio(c.abandoned, c.answered + c.abandoned),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function seconds(totalMs: number, count: number): number | null {
  return count === 0 ? null : totalMs / count / 1000;
}
