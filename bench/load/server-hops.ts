// The hops inside the hotline server over a whole ramp, read from its GET /metrics once the last
// call ended: how late its event loop ran, how long ARI events took from Asterisk's time stamp to
// the server (a key, a call's arrival), and how long the requests a key and an answer make took
// (the next prompt, the conversation's bridge and recorder). Where key → prompt's time goes.
// The text parsing is pure; `readServerHops` fetches.

/** p50 / p99 / max of one timing, ms (max only where the exposition has it). */
export interface HopFigures {
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
}

export interface ServerHops {
  readonly eventLoopDelay: HopFigures & { readonly max: number };
  /** ARI event delays by event type, and request times by route. */
  readonly events: Readonly<Record<string, HopFigures>>;
  readonly requests: Readonly<Record<string, HopFigures>>;
  /** AMI action times by action (absent in reports made before they were timed). */
  readonly actions?: Readonly<Record<string, HopFigures>>;
}

/** The event types and routes the report shows (a key, an arrival, a prompt, a conversation). */
export const REPORTED_EVENTS = ['ChannelDtmfReceived', 'StasisStart', 'PlaybackFinished'] as const;
export const REPORTED_ROUTES = ['POST /channels/{id}/play', 'DELETE /playbacks/{id}', 'POST /bridges/{id}/addChannel', 'POST /channels/{id}/snoop', 'POST /channels/{id}/record', 'POST /channels'] as const;
/** The conversation recorder's start and stop (AMI actions). */
export const REPORTED_ACTIONS = ['MixMonitor', 'StopMixMonitor'] as const;

const LINE = /^(\w+)(?:\{(.*)\})? (\S+)$/;

function labelsOf(text: string | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  for (const match of (text ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels.set(match[1] as string, match[2] as string);
  return labels;
}

/** Summaries of the exposition (name → label key → quantiles and count), in ms. */
function summaries(text: string): Map<string, Map<string, { q: Map<string, number>; count: number }>> {
  const out = new Map<string, Map<string, { q: Map<string, number>; count: number }>>();
  for (const raw of text.split('\n')) {
    const match = LINE.exec(raw.trim());
    if (!match || raw.startsWith('#')) continue;
    const [, name = '', labelText, value = ''] = match;
    const labels = labelsOf(labelText);
    const quantile = labels.get('quantile');
    labels.delete('quantile');
    const base = name.endsWith('_count') ? name.slice(0, -'_count'.length) : name;
    const key = labels.get('type') ?? labels.get('route') ?? labels.get('action') ?? '';
    const family = out.get(base) ?? new Map<string, { q: Map<string, number>; count: number }>();
    out.set(base, family);
    const entry = family.get(key) ?? { q: new Map<string, number>(), count: 0 };
    family.set(key, entry);
    if (name.endsWith('_count')) entry.count = Number(value);
    else if (quantile !== undefined) entry.q.set(quantile, Number(value) * 1000);
    else entry.q.set('value', Number(value) * 1000);
  }
  return out;
}

const figuresOf = (entry: { q: Map<string, number>; count: number } | undefined): HopFigures => ({
  p50: entry?.q.get('0.5') ?? Number.NaN,
  p99: entry?.q.get('0.99') ?? Number.NaN,
  count: entry?.count ?? 0,
});

export function parseServerHops(exposition: string): ServerHops {
  const all = summaries(exposition);
  const pick = (family: string, keys: readonly string[]): Record<string, HopFigures> =>
    Object.fromEntries(keys.flatMap((key) => {
      const entry = all.get(family)?.get(key);
      return entry ? [[key, figuresOf(entry)]] : [];
    }));
  const loop = all.get('hotline_event_loop_delay_seconds')?.get('');
  return {
    eventLoopDelay: { ...figuresOf(loop), max: all.get('hotline_event_loop_delay_max_seconds')?.get('')?.q.get('value') ?? Number.NaN },
    events: pick('hotline_ari_event_delay_seconds', REPORTED_EVENTS),
    requests: pick('hotline_ari_request_seconds', REPORTED_ROUTES),
    actions: pick('hotline_ami_action_seconds', REPORTED_ACTIONS),
  };
}

/** The server's hops now; null when it does not answer (the report says so). */
export async function readServerHops(url: string): Promise<ServerHops | null> {
  try {
    const answer = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
    return answer.ok ? parseServerHops(await answer.text()) : null;
  } catch {
    return null;
  }
}

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '–');
const pair = (f: HopFigures | undefined): string => (f && f.count > 0 ? `${ms(f.p50)} / ${ms(f.p99)} (${f.count})` : '–');

/** The report's section: one row per hotline run (runs whose server did not answer say so). */
export function serverHopLines(runs: readonly { readonly run: number; readonly hops: ServerHops | null | undefined }[]): string[] {
  if (runs.length === 0) return [];
  const columns = ['event loop delay (max)', ...REPORTED_EVENTS.map((e) => `${e} delay`), ...REPORTED_ROUTES, ...REPORTED_ACTIONS.map((a) => `AMI ${a}`)];
  return [
    '## Inside the hotline server',
    '',
    "Read from its `GET /metrics` once the ramp's last call ended: every step and the warm-up together. p50 / p99 ms (and the count). The event loop's delay is Node's own sampler (10 ms grain); an event's delay is its arrival at the server minus Asterisk's time stamp (Asterisk's app queue, the socket and the loop); a request's or an AMI action's time is from the call to its answer.",
    '',
    `| run | ${columns.join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
    ...runs.map(({ run, hops }) =>
      hops
        ? `| ${run} | ${pair(hops.eventLoopDelay)} (max ${ms(hops.eventLoopDelay.max)}) | ${REPORTED_EVENTS.map((e) => pair(hops.events[e])).join(' | ')} | ${REPORTED_ROUTES.map((r) => pair(hops.requests[r])).join(' | ')} | ${REPORTED_ACTIONS.map((a) => pair(hops.actions?.[a])).join(' | ')} |`
        : `| ${run} | the server did not answer ${columns.slice(1).map(() => '| ').join('')}|`,
    ),
    '',
  ];
}
