// Prometheus's text exposition format (version 0.0.4), written by hand: HELP and TYPE lines, then
// the samples, with label values escaped. Only what the server exposes is here (gauges, counters,
// summaries with precomputed quantiles); see docs/decisions.md for why not prom-client.

/** The Content-Type of the exposition: scrapers pick their parser by it. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly labels?: Labels;
  readonly value: number;
}

export interface SummarySample {
  readonly labels?: Labels;
  /** Quantile (0..1) → value. */
  readonly quantiles: ReadonlyMap<number, number>;
  readonly count: number;
  /** The sum of every observation; left out when not kept (scrapers accept a summary without it). */
  readonly sum?: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value inside its double quotes: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and line feed escaped (a quote is allowed there). */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value as Go's parser reads it: integers exactly, non-finite ones by name. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function labelText(labels: Labels | undefined, extra?: readonly [string, string]): string {
  const pairs = Object.entries(labels ?? {});
  if (extra) pairs.push([extra[0], extra[1]]);
  if (pairs.length === 0) return '';
  for (const [key] of pairs) if (!LABEL.test(key) || key.startsWith('__')) throw new Error(`not a Prometheus label name: ${key}`);
  return `{${pairs.map(([key, value]) => `${key}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** One exposition, family by family; `text()` gives it whole, ending with a line feed. */
export class PrometheusText {
  private readonly lines: string[] = [];
  private readonly names = new Set<string>();

  gauge(name: string, help: string, samples: readonly Sample[]): this {
    return this.family(name, help, 'gauge', samples);
  }

  /** A counter's name should end in `_total`; its value only grows (a restart starts it again). */
  counter(name: string, help: string, samples: readonly Sample[]): this {
    return this.family(name, help, 'counter', samples);
  }

  summary(name: string, help: string, samples: readonly SummarySample[]): this {
    this.head(name, help, 'summary');
    for (const sample of samples) {
      for (const [quantile, value] of [...sample.quantiles].sort(([a], [b]) => a - b)) {
        this.lines.push(`${name}${labelText(sample.labels, ['quantile', formatValue(quantile)])} ${formatValue(value)}`);
      }
      if (sample.sum !== undefined) this.lines.push(`${name}_sum${labelText(sample.labels)} ${formatValue(sample.sum)}`);
      this.lines.push(`${name}_count${labelText(sample.labels)} ${formatValue(sample.count)}`);
    }
    return this;
  }

  text(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  private family(name: string, help: string, type: 'gauge' | 'counter', samples: readonly Sample[]): this {
    this.head(name, help, type);
    for (const sample of samples) this.lines.push(`${name}${labelText(sample.labels)} ${formatValue(sample.value)}`);
    return this;
  }

  /** A family's name appears once: a second HELP/TYPE for it makes the scrape fail. */
  private head(name: string, help: string, type: string): void {
    if (!NAME.test(name)) throw new Error(`not a Prometheus metric name: ${name}`);
    if (this.names.has(name)) throw new Error(`metric ${name} written twice`);
    this.names.add(name);
    this.lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
  }
}
