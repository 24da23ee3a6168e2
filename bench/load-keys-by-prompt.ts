// Key → next prompt of a kept SIPp load run, split by the prompt the key answered: the report gives
// one p99 over every key, and this tells whether the menus' keys or the survey's make its tail.
//   npm run bench:load -- … --keep          (prints the work folder it kept)
//   npx tsx bench/load-keys-by-prompt.ts <work folder>
// Each run's observed events (run<N>-<system>/observed.jsonl) are cut into the ramp's steps by the
// quiet gap between them (steps never overlap: each one's calls end before the next begins); the
// first group is the warm-up. Times are Asterisk's own stamps, as in the report. When the run's
// server logged at debug or below (BENCH_SERVER_LOG_LEVEL=trace), each key is also split into its
// parts: Asterisk's key → the server's step (the log line of the key's event), the step → its
// prompt request (the PlayPrompts command's line), the request → the prompt starting (Asterisk).
import fs from 'node:fs';
import path from 'node:path';
import type { Observed } from './load/ari-observer.js';
import { citizenCalls, type CitizenCall } from './load/call-timelines.js';
import { JOURNEY } from './load/load-bench.js';
import { summarize } from './stats.js';

/** A pause in new calls longer than this starts a new step (a step places calls every second or faster). */
const STEP_GAP_MS = 5000;

function steps(calls: readonly CitizenCall[]): CitizenCall[][] {
  const groups: CitizenCall[][] = [];
  let last = -Infinity;
  for (const call of [...calls].sort((a, b) => a.invitedAt - b.invitedAt)) {
    if (call.invitedAt - last > STEP_GAP_MS) groups.push([]);
    groups.at(-1)?.push(call);
    last = call.invitedAt;
  }
  return groups;
}

/** A key that leads to another prompt, with the prompt it answered and when the next one began. */
interface PromptKey {
  readonly call: CitizenCall;
  readonly prompt: string;
  readonly at: number;
  readonly nextPromptAt: number;
}

/** The keys of the calls that lead to another prompt and got one (the menus' and the survey's). */
function promptKeys(calls: readonly CitizenCall[]): PromptKey[] {
  return calls.flatMap((call) =>
    call.keys.flatMap((key, i) => {
      const step = JOURNEY[i];
      return step?.leadsTo === 'prompt' && key.nextPromptAt !== null ? [{ call, prompt: step.prompt, at: key.at, nextPromptAt: key.nextPromptAt }] : [];
    }),
  );
}

/** Key → next prompt, by the prompt the key answered. */
function byPrompt(keys: readonly PromptKey[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const key of keys) {
    const list = out.get(key.prompt) ?? [];
    list.push(key.nextPromptAt - key.at);
    out.set(key.prompt, list);
  }
  return out;
}

interface LogLine {
  readonly at: number;
  readonly msg: string;
  readonly event?: string;
  readonly command?: string;
}

/** The server's call lines by call id (the caller's channel id), when its log has them. */
function serverLines(file: string): Map<string, LogLine[]> {
  const byCall = new Map<string, LogLine[]>();
  if (!fs.existsSync(file)) return byCall;
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!text.includes('"call event"') && !text.includes('"call command"')) continue;
    const line = JSON.parse(text) as { time: string; msg: string; callId?: string; event?: string; command?: string };
    if (!line.callId) continue;
    const list = byCall.get(line.callId) ?? [];
    list.push({ at: Date.parse(line.time), msg: line.msg, ...(line.event ? { event: line.event } : {}), ...(line.command ? { command: line.command } : {}) });
    byCall.set(line.callId, list);
  }
  return byCall;
}

type Parts = Record<'toServer' | 'toRequest' | 'toPrompt', number[]>;

/** Each key's three parts, by the prompt it answered; keys whose lines are missing are left out. */
function partsByPrompt(keys: readonly PromptKey[], lines: ReadonlyMap<string, readonly LogLine[]>): Map<string, Parts> {
  const out = new Map<string, Parts>();
  for (const key of keys) {
    const own = lines.get(key.call.channelId) ?? [];
    // The log's clock is the machine's, as Asterisk's; it keeps milliseconds, so a little slack.
    const event = own.find((line) => line.msg === 'call event' && line.event === 'KeyPressed' && line.at >= key.at - 5);
    const request = event && own.find((line) => line.msg === 'call command' && line.command === 'PlayPrompts' && line.at >= event.at);
    if (!event || !request) continue;
    const parts = out.get(key.prompt) ?? { toServer: [], toRequest: [], toPrompt: [] };
    parts.toServer.push(event.at - key.at);
    parts.toRequest.push(request.at - event.at);
    parts.toPrompt.push(key.nextPromptAt - request.at);
    out.set(key.prompt, parts);
  }
  return out;
}

const shown = (values: readonly number[]): string => {
  const s = summarize(values);
  return `${String(s.count).padStart(4)} keys  p50 ${String(s.p50).padStart(4)}  p99 ${String(s.p99).padStart(5)}  max ${String(s.max).padStart(5)} ms`;
};

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npx tsx bench/load-keys-by-prompt.ts <work folder kept by npm run bench:load -- --keep>');
  process.exit(2);
}
const runs = fs.readdirSync(folder).filter((name) => /^run\d+-/.test(name) && fs.existsSync(path.join(folder, name, 'observed.jsonl'))).sort();
if (runs.length === 0) {
  console.error(`no run<N>-<system>/observed.jsonl in ${folder}: was the run made with --keep?`);
  process.exit(1);
}
for (const run of runs) {
  const lines = fs.readFileSync(path.join(folder, run, 'observed.jsonl'), 'utf8').split('\n').filter(Boolean);
  const events = lines.map((line) => JSON.parse(line) as Observed);
  const server = serverLines(path.join(folder, run, 'hotline-server.log'));
  steps(citizenCalls(events, JOURNEY)).forEach((calls, index) => {
    console.log(`${run}, ${index === 0 ? 'warm-up' : `step ${index}`} (${calls.length} calls)`);
    const keys = promptKeys(calls);
    const split = byPrompt(keys);
    for (const [prompt, values] of split) console.log(`  after ${prompt.padEnd(16)} ${shown(values)}`);
    console.log(`  ${'every key'.padEnd(22)} ${shown([...split.values()].flat())}`);
    for (const [prompt, parts] of partsByPrompt(keys, server)) {
      console.log(`  after ${prompt}, in parts (the server's log):`);
      console.log(`    key → server's step      ${shown(parts.toServer)}`);
      console.log(`    step → prompt requested  ${shown(parts.toRequest)}`);
      console.log(`    requested → prompt began ${shown(parts.toPrompt)}`);
    }
  });
}
