// Picks which calls QA staff review. Every agent is sampled every day they took calls (so nobody goes
// unreviewed on a quiet day), and the pick is a pure function of the seed: the same seed always
// gives the same calls, whatever order the records arrive in, so a sample can be re-derived and audited.

export interface SampleCandidate {
  readonly callId: string;
  readonly agentId: string;
  /** China day, YYYYMMDD. */
  readonly day: string;
}

// Float noise such as 1.1 * 1000 / 100 = 11.000000000000002 must not round a whole count up.
const EPSILON = 1e-9;

/** Call ids to review: ceil(percent% of each agent's calls per day), sorted by agent, day, call id. */
export function sampleCalls(calls: readonly SampleCandidate[], percent: number, seed: string): string[] {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new RangeError(`percent must be in 0..100, got ${percent}`);
  if (percent === 0) return [];
  const picked = [...groupByAgentDay(calls).values()].flatMap((group) => pick(group, percent, seed));
  return picked.sort(byAgentDayCall).map((c) => c.callId);
}

/** How many of `count` calls a percentage asks for; at least one when there are any. */
export function sampleSize(count: number, percent: number): number {
  if (count === 0 || percent === 0) return 0;
  return Math.min(count, Math.max(1, Math.ceil((percent * count) / 100 - EPSILON)));
}

/** 32-bit FNV-1a over UTF-16 code units: tiny, stable across runs and platforms. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function groupByAgentDay(calls: readonly SampleCandidate[]): Map<string, SampleCandidate[]> {
  const groups = new Map<string, SampleCandidate[]>();
  for (const call of calls) {
    const key = `${call.agentId}\u0000${call.day}`;
    const group = groups.get(key);
    if (group) group.push(call);
    else groups.set(key, [call]);
  }
  return groups;
}

function pick(group: readonly SampleCandidate[], percent: number, seed: string): SampleCandidate[] {
  // Ranking by a hash of seed + call id (ties by id) makes the pick independent of input order.
  const ranked = group.map((call) => ({ call, rank: fnv1a(`${seed}\u0000${call.callId}`) }));
  ranked.sort((a, b) => a.rank - b.rank || compare(a.call.callId, b.call.callId));
  return ranked.slice(0, sampleSize(group.length, percent)).map((r) => r.call);
}

function byAgentDayCall(a: SampleCandidate, b: SampleCandidate): number {
  return compare(a.agentId, b.agentId) || compare(a.day, b.day) || compare(a.callId, b.callId);
}

// Code-unit order, not localeCompare: the result must not depend on the host's locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
