// The load report's account of overload protection: per step of each hotline run, how many calls
// the server served and how many the dialplan answered itself (shed), whether any caller was left
// in silence, the greeting's p99 over every call, each call's one ticket, and the verdict
// "protected"; the highest protected rate; and the issue's target, judged past the sustained rate.
import type { StepResult } from './load-analysis.js';
import { PROTECTED } from './load-protection.js';
import type { LoadReport, SystemReport } from './load-types.js';
import type { TicketCheck } from './ticket-check.js';

export interface ProtectionVerdict {
  readonly target: string;
  readonly value: string;
  readonly met: boolean | null;
}

const hotlineRuns = (report: LoadReport): { run: number; system: SystemReport }[] => report.runs.flatMap((r) => (r.systems.hotline ? [{ run: r.run, system: r.systems.hotline }] : []));

/** The steps past the run's sustained rate (all its steps when none was sustained). */
function pastSustained(system: SystemReport): StepResult[] {
  return system.analysis.steps.filter((step) => step.rate > system.analysis.sustainedCallsPerSecond);
}

export function protectionVerdict(report: LoadReport): ProtectionVerdict {
  const target = `past the sustained rate, INVITE → greeting p99 ≤ ${PROTECTED.greetingP99Ms} ms, no call silent, one ticket per call (overload protection)`;
  const past = hotlineRuns(report).flatMap(({ system }) => pastSustained(system).filter((step) => step.protection));
  if (past.length === 0) return { target, value: 'not measured (no hotline step past the sustained rate)', met: null };
  const held = past.filter((step) => step.protection?.protected === true);
  const shed = past.reduce((n, step) => n + (step.protection?.shed ?? 0), 0);
  const calls = past.reduce((n, step) => n + step.callsPlaced, 0);
  return { target, value: `${held.length} of ${past.length} steps past the sustained rate protected (${shed} of ${calls} calls shed)`, met: held.length === past.length };
}

const tickets = (t: TicketCheck): string => `${t.calls - t.lost - t.stillUp}/${t.calls}${t.lost ? `, ${t.lost} lost` : ''}${t.duplicated ? `, ${t.duplicated} duplicated` : ''}${t.stillUp ? `, ${t.stillUp} still up` : ''}`;

function stepRow(run: number, step: StepResult): string {
  const p = step.protection;
  if (!p) return `| ${run} | ${step.rate} | ${step.callsPlaced} | – | – | – | – | – | – | – |`;
  const greeting = Number.isFinite(p.greetingP99Ms) ? Math.round(p.greetingP99Ms) : '–';
  const verdict = p.protected ? 'yes' : `**no**: ${p.shortOf.join('; ')}`;
  return `| ${run} | ${step.rate} | ${step.callsPlaced} | ${p.served} | ${p.shed} (${p.shedToAgent}; ${p.shedBy.busy ?? 0}) | ${p.silent} | ${greeting} | ${tickets(p.tickets.served)} | ${tickets(p.tickets.shed)} | ${p.mediaIntact ? 'yes' : '**no**'} | ${verdict} |`;
}

function rateLine(run: number, system: SystemReport): string {
  const a = system.analysis;
  const shed = a.steps.reduce((n, step) => n + step.shed, 0);
  const rate = a.protectedCallsPerSecond ?? 0;
  return `- run ${run}: the highest rate protected: ${rate > 0 ? `${rate} calls/s` : 'none'} (sustained by the server: ${a.sustainedCallsPerSecond} calls/s; ${shed} calls shed over the ramp).`;
}

export function protectionLines(report: LoadReport): string[] {
  const runs = hotlineRuns(report);
  if (runs.length === 0) return [];
  return [
    '## Overload protection (the hotline)',
    '',
    'While the server falls behind (admission control: ARI event delay or request time p99 over its line for a few seconds), new callers are shed: ' +
      'the dialplan answers them itself with the welcome prompt, then the human fallback queue of every agent phone, and the server writes their ticket from Asterisk\'s records after they end. ' +
      'With a line limit (`--max-calls`, HOTLINE_MAX_CALLS), a caller beyond that many calls at once is told at once that every line is busy and hung up on, with a ticket: shed too, by the reason `busy`. ' +
      'A call is shed when the dialplan marked it so (`CELGenUserEvent(HOTLINE_DIALPLAN_CALL,shed|…)`, seen by the observer as the channel ran it); a shed call is not a broken path, but a step with one is not sustained by the server. ' +
      `A step is **protected** when the greeting's p99 over all its calls, served or shed, is within ${PROTECTED.greetingP99Ms} ms of SIPp's INVITE, no call was silent ` +
      `(no prompt within ${PROTECTED.silentAfterMs} ms of Asterisk's answer, or ended before any), every call that ended has exactly one ticket, and the media was intact (RTP loss; recordings of served and shed calls; a call the server gave up to the fallback queue by its RTP only).`,
    '',
    '| run | calls/s | placed | served | shed (to an agent; told the lines were busy) | silent | INVITE → greeting p99, all calls (ms) | tickets, served (one each/calls) | tickets, shed | media intact | protected |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.flatMap(({ run, system }) => system.analysis.steps.map((step) => stepRow(run, step))),
    '',
    ...runs.map(({ run, system }) => rateLine(run, system)),
    '',
  ];
}
