// The citizens' own account of each call, from SIPp's log (-trace_logs): when it sent its INVITE,
// got the 200 OK, received each prompt's mark and sent each key, by SIPp's wall clock (the same
// machine's clock as Asterisk's timestamps). INVITE → 200 and INVITE → greeting are timed from
// here, so delays before Asterisk made the channel (SIP retransmissions, a busy SIP stack) count.

export interface SippCallLog {
  readonly number: string;
  inviteAt: number | null;
  answeredAt: number | null;
  readonly marks: (number | null)[];
  readonly keys: (number | null)[];
  endedAt: number | null;
  gaveUp: boolean;
}

const LINE = /^(invite|answered|mark(\d+)|key(\d+)|ended|gave_up) (\d+) ([\d.]+) ([\d.]+)\s*$/;

function entry(calls: Map<string, SippCallLog>, number: string): SippCallLog {
  let call = calls.get(number);
  if (!call) {
    call = { number, inviteAt: null, answeredAt: null, marks: [], keys: [], endedAt: null, gaveUp: false };
    calls.set(number, call);
  }
  return call;
}

/** One record per caller number; the `log` lines of the citizen scenario (sipp-scenarios.ts). */
export function parseSippLog(text: string, into: Map<string, SippCallLog> = new Map()): Map<string, SippCallLog> {
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim());
    if (!match) continue;
    const [, what, mark, key, number = '', seconds = '0', micros = '0'] = match;
    const at = Math.floor(Number(seconds)) * 1000 + Math.floor(Number(micros)) / 1000;
    const call = entry(into, number);
    if (what === 'invite') call.inviteAt = at;
    else if (what === 'answered') call.answeredAt = at;
    else if (what === 'ended') call.endedAt = at;
    else if (what === 'gave_up') call.gaveUp = true;
    else if (mark !== undefined) call.marks[Number(mark)] = at;
    else if (key !== undefined) call.keys[Number(key)] = at;
  }
  return into;
}
