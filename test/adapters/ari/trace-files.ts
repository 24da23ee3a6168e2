// Reads the real Asterisk 22.10.1 captures copied into ./traces.
import { readFileSync, readdirSync } from 'node:fs';

const TRACE_DIR = new URL('./traces/', import.meta.url);

export interface EventTraceLine {
  readonly file: string;
  readonly line: number;
  /** The event exactly as Asterisk sent it, re-serialised. */
  readonly text: string;
  readonly type: string;
}

export interface RestExchange {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  readonly content_type: string | null;
  readonly response_body: unknown;
}

function linesOf(file: string): string[] {
  return readFileSync(new URL(file, TRACE_DIR), 'utf8').split('\n').filter((line) => line.trim() !== '');
}

/** Every WebSocket event of every ARI event trace (files whose lines are `{t, event}`). */
export function eventTraceLines(): EventTraceLine[] {
  const files = readdirSync(TRACE_DIR).filter((name) => name.startsWith('ari-') && name.endsWith('.jsonl') && !name.includes('rest-exchanges'));
  return files.flatMap((file) =>
    linesOf(file).map((raw, index) => {
      const { event } = JSON.parse(raw) as { event: { type: string } };
      return { file, line: index + 1, text: JSON.stringify(event), type: event.type };
    }),
  );
}

export function restExchanges(file = 'ari-rest-exchanges.jsonl'): RestExchange[] {
  return linesOf(file).map((raw) => JSON.parse(raw) as RestExchange);
}
