// Where a caller's INVITE → 200 OK goes, in four hops read from two clocks of the same machine
// (SIPp's log, and Asterisk's event time stamps the observer saw): SIPp's INVITE → the channel made
// (PJSIP took the INVITE in: its socket thread, the distributor, a serializer), → the channel's
// thread reached its `Answer` step (the thread started, the steps before it ran), → the channel was
// up (PJSIP's serializer sent the 200 OK), → SIPp read the 200 OK. A hop that dominates under load
// names the queue to act on.
import { summarize, type Summary } from '../stats.js';
import type { CitizenCall } from './call-timelines.js';
import type { SippCallLog } from './sipp-log.js';

export interface InviteHops {
  readonly intake: Summary;
  readonly toAnswerStep: Summary;
  readonly answerStepToUp: Summary;
  readonly upToSipp: Summary;
}

export const INVITE_HOPS: readonly (readonly [keyof InviteHops, string])[] = [
  ['intake', 'INVITE → channel made'],
  ['toAnswerStep', 'made → Answer step'],
  ['answerStepToUp', 'Answer step → up'],
  ['upToSipp', 'up → 200 OK at SIPp'],
];

/** Each hop of the calls whose INVITE and every mark are known (a missing mark leaves its two hops out). */
export function inviteHops(calls: readonly CitizenCall[], sippLog: ReadonlyMap<string, SippCallLog>): InviteHops {
  const hops = { intake: [] as number[], toAnswerStep: [] as number[], answerStepToUp: [] as number[], upToSipp: [] as number[] };
  for (const call of calls) {
    const log = sippLog.get(call.number);
    const marks = [log?.inviteAt ?? null, call.invitedAt, call.answeringAt, call.upAt, log?.answeredAt ?? null];
    const lists = [hops.intake, hops.toAnswerStep, hops.answerStepToUp, hops.upToSipp];
    lists.forEach((list, i) => {
      const from = marks[i];
      const to = marks[i + 1];
      if (from !== null && from !== undefined && to !== null && to !== undefined) list.push(to - from);
    });
  }
  return { intake: summarize(hops.intake), toAnswerStep: summarize(hops.toAnswerStep), answerStepToUp: summarize(hops.answerStepToUp), upToSipp: summarize(hops.upToSipp) };
}

const pair = (s: Summary): string => (s.count === 0 ? '–' : `${Math.round(s.p50)} / ${Math.round(s.p99)}`);

/** The report's section: one row per run, system and step. */
export function inviteHopLines(rows: readonly { readonly run: number; readonly system: string; readonly rate: number; readonly hops: InviteHops | undefined }[]): string[] {
  const measured = rows.filter((row) => row.hops !== undefined);
  if (measured.length === 0) return [];
  return [
    "## Where INVITE → 200 OK goes",
    '',
    "Per step, p50 / p99 ms of each hop, from SIPp's log and the time stamps of Asterisk's events: the INVITE until Asterisk made the caller's channel (PJSIP's socket thread, distributor and serializer), until the channel's own thread reached `Answer` (its start and the steps before), until the channel was up (PJSIP's serializer sent the 200 OK), until SIPp read it.",
    '',
    `| run | system | calls/s | ${INVITE_HOPS.map(([, what]) => what).join(' | ')} |`,
    `| --- | --- | --- | ${INVITE_HOPS.map(() => '---').join(' | ')} |`,
    ...measured.map((row) => `| ${row.run} | ${row.system} | ${row.rate} | ${INVITE_HOPS.map(([key]) => (row.hops ? pair(row.hops[key]) : '–')).join(' | ')} |`),
    '',
  ];
}
