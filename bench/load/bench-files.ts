// The data files a load-benchmark run gives the hotline server: its agents (each with a phone the
// agents' SIPp answers for), their sign-in entries, and the shipped queues with the run's wrap-up
// and a wait in line for every caller (so each hears the place-in-line announcement, as app_queue's
// callers do in the baseline).
// Numbers of the citizens encode the system and the rate step, so each call is found again in
// Asterisk's events, the tickets and the screen pops.
import fs from 'node:fs';
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

/**
 * The agent who staffs the line every caller waits in: logged in and paused for the whole run (its
 * desktop pauses it), so the line is staffed (the ACD does not move its callers on at once) but
 * nobody takes its calls until they overflow to the agents' queue.
 */
export const HOLD_AGENT_ID = '69999';
const HOLD_SKILL = 'bench-hold';
/** The agents' queue the line overflows to (the shipped general queue under another id). */
export const AGENTS_QUEUE = 'bench-agents';

export function agentsYaml(ids: readonly string[]): string {
  const agents = ids.map((id) => ({ id, name: `坐席${id}`, skills: id === HOLD_AGENT_ID ? { [HOLD_SKILL]: 1 } : { general: 2 } }));
  return stringify({ agents });
}

/** Every bench agent signs in with one password hash; the run issues their tokens directly. */
/** The demo users' password hash (fixtures/users.yaml): bench users sign in with the demo password. */
export function demoPasswordHash(): string {
  const match = /passwordHash: "([^"]+)"/.exec(fs.readFileSync('fixtures/users.yaml', 'utf8'));
  if (!match?.[1]) throw new Error('no demo password hash in fixtures/users.yaml');
  return match[1];
}

export function usersYaml(ids: readonly string[], passwordHash: string): string {
  return stringify({ users: ids.map((id) => ({ id, name: `坐席${id}`, role: 'agent', agentId: id, passwordHash })) });
}

interface QueueEntry {
  id?: unknown;
  skills?: unknown;
  overflow?: unknown;
  wrapUpSeconds?: unknown;
  wrapUpEndsOnTicket?: unknown;
  maxLength?: unknown;
  ringTimeoutSeconds?: unknown;
  announceEverySeconds?: unknown;
}

/**
 * The shipped queues with the run's wrap-up (agents of a benchmark never file a ticket, so wrap-up
 * ends by its timer). The general queue the main flow sends callers to becomes the line: staffed
 * only by the paused hold agent, it announces each caller's place on entry and overflows them after
 * `holdSeconds` to the shipped general queue (under AGENTS_QUEUE), whose agents answer. Both have
 * room for every caller of a run.
 */
export function queuesYaml(shipped: string, wrapUpSeconds: number, maxLength: number, holdSeconds: number): { yaml: string; ringTimeoutSeconds: number; announceEverySeconds: number } {
  const doc = parse(shipped) as { queues?: QueueEntry[] };
  let general: QueueEntry = {};
  for (const queue of doc.queues ?? []) {
    queue.wrapUpSeconds = wrapUpSeconds;
    queue.wrapUpEndsOnTicket = false;
    if (queue.id === 'general') general = queue;
  }
  const agentsQueue = { ...general, id: AGENTS_QUEUE, maxLength: Math.max(Number(general.maxLength ?? 0), maxLength) };
  Object.assign(general, { skills: [HOLD_SKILL], overflow: { afterSeconds: holdSeconds, to: AGENTS_QUEUE }, maxLength: agentsQueue.maxLength });
  doc.queues = [...(doc.queues ?? []), agentsQueue];
  return { yaml: stringify(doc), ringTimeoutSeconds: Number(general.ringTimeoutSeconds ?? 20), announceEverySeconds: Number(general.announceEverySeconds ?? 60) };
}
