// The data files a load-benchmark run gives the hotline server: its agents (each with a phone the
// agents' SIPp answers for), their sign-in entries, and the shipped queues with the run's wrap-up.
// Numbers of the citizens encode the system and the rate step, so each call is found again in
// Asterisk's events, the tickets and the screen pops.
import { parse, stringify } from 'yaml';

export type BenchSystem = 'hotline' | 'baseline';
const SYSTEM_DIGIT: Record<BenchSystem, string> = { hotline: '1', baseline: '2' };

/** 13 + system digit + two digits of step + six of sequence: a well-formed mobile number. */
export function benchNumber(system: BenchSystem, step: number, seq: number): string {
  if (step < 0 || step > 99 || seq < 0 || seq > 999_999) throw new RangeError(`no bench number for step ${step}, call ${seq}`);
  return `13${SYSTEM_DIGIT[system]}${String(step).padStart(2, '0')}${String(seq).padStart(6, '0')}`;
}

export function parseBenchNumber(number: string): { system: BenchSystem; step: number; seq: number } | null {
  const match = /^13([12])(\d{2})(\d{6})$/.exec(number);
  if (!match) return null;
  return { system: match[1] === '1' ? 'hotline' : 'baseline', step: Number(match[2]), seq: Number(match[3]) };
}

export function agentIds(count: number): string[] {
  return Array.from({ length: count }, (_unused, i) => String(70000 + i));
}

export function agentsYaml(ids: readonly string[]): string {
  return stringify({ agents: ids.map((id) => ({ id, name: `坐席${id}`, skills: { general: 2 } })) });
}

/** Every bench agent signs in with one password hash; the run issues their tokens directly. */
export function usersYaml(ids: readonly string[], passwordHash: string): string {
  return stringify({ users: ids.map((id) => ({ id, name: `坐席${id}`, role: 'agent', agentId: id, passwordHash })) });
}

interface QueueEntry {
  id?: unknown;
  wrapUpSeconds?: unknown;
  wrapUpEndsOnTicket?: unknown;
  maxLength?: unknown;
  ringTimeoutSeconds?: unknown;
}

/**
 * The shipped queues with the run's wrap-up (agents of a benchmark never file a ticket, so wrap-up
 * ends by its timer) and room for every caller of a run in the general queue.
 */
export function queuesYaml(shipped: string, wrapUpSeconds: number, maxLength: number): { yaml: string; ringTimeoutSeconds: number } {
  const doc = parse(shipped) as { queues?: QueueEntry[] };
  let ringTimeoutSeconds = 20;
  for (const queue of doc.queues ?? []) {
    queue.wrapUpSeconds = wrapUpSeconds;
    queue.wrapUpEndsOnTicket = false;
    if (queue.id === 'general') {
      queue.maxLength = Math.max(Number(queue.maxLength ?? 0), maxLength);
      ringTimeoutSeconds = Number(queue.ringTimeoutSeconds ?? ringTimeoutSeconds);
    }
  }
  return { yaml: stringify(doc), ringTimeoutSeconds };
}
