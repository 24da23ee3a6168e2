// Where a supervisor was on the call (监听 / 密语 / 强插), on the recording's own clock: from the
// audit log's call.monitor.ended entries of the call, each span as minutes:seconds from the first
// conversation recording's start, so a reviewer can jump to what the caller heard then.
import { api, query } from '../api.js';
import type { AuditEntry, AuditReply, TicketDetail } from '../api-types.js';
import { fill, h, seconds } from '../dom.js';
import { t } from '../i18n.js';
import { describeError } from '../page.js';

interface Span {
  readonly mode: string;
  readonly from: number;
  readonly to: number | null;
}

const MODE_TEXT = { listen: 'monitorListen', whisper: 'monitorWhisper', barge: 'monitorBarge' } as const;

const spansOf = (entry: AuditEntry): Span[] => {
  const spans = entry.detail?.spans;
  return Array.isArray(spans) ? (spans as Span[]).filter((span) => typeof span.mode === 'string' && typeof span.from === 'number') : [];
};

export function monitoredSpans(ticket: TicketDetail): HTMLElement {
  const list = h('ul', { id: 'qa-monitored' });
  const message = h('p', { class: 'message', role: 'status' });
  const start = ticket.recordings.find((recording) => recording.kind === 'conversation')?.startedAt ?? ticket.call.agentAnsweredAt;
  const origin = start ? Date.parse(start) : NaN;
  const at = (ms: number): string => (Number.isFinite(origin) ? seconds(Math.max(0, ms - origin) / 1000) : new Date(ms).toISOString());
  void api<AuditReply>('GET', `/api/audit${query({ call: ticket.callId, action: 'call.monitor.ended' })}`).then(
    ({ entries }) => {
      // The log answers newest first, session by session: the timeline reads in the call's order.
      const spans = entries.flatMap((entry) => spansOf(entry).map((span) => ({ ...span, actor: entry.actor }))).sort((a, b) => a.from - b.from);
      const items = spans.map((span) => h('li', { 'data-mode': span.mode, 'data-supervisor': span.actor }, `${at(span.from)} – ${span.to === null ? '…' : at(span.to)} · ${mode(span.mode)} · ${span.actor}`));
      fill(list, items);
      message.textContent = items.length === 0 ? t('notMonitored') : '';
    },
    (error: unknown) => (message.textContent = describeError(error)),
  );
  return h('section', { 'aria-labelledby': 'qa-monitored-title' }, h('h3', { id: 'qa-monitored-title' }, t('monitoredSpans')), list, message);
}

function mode(value: string): string {
  return value in MODE_TEXT ? t(MODE_TEXT[value as keyof typeof MODE_TEXT]) : value;
}
