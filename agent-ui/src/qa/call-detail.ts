// One call under review: the work order's facts, the IVR path in words, the recording player, who
// accessed the recording (for those who may read the audit log), and the scoring form of the chosen QA form.
import { api } from '../api.js';
import type { QaCall, QaForm, QaReviewReply, ReviewBody, TicketDetail, TicketDetailReply } from '../api-types.js';
import { chinaTime, field, fill, h, seconds } from '../dom.js';
import { QA_GRADE_WORDS, RECORDING_KIND_WORDS, REQUEST_TYPE_WORDS, SATISFACTION_WORDS, t, TICKET_STATUS_WORDS, URGENCY_WORDS, word } from '../i18n.js';
import { errorParagraph, showError } from '../page.js';
import { queueLabel, queueNames, type QueueNames } from '../queue-names.js';
import { monitoredSpans } from './monitored-spans.js';
import { recordingAccess } from './recording-access.js';

export interface DetailOptions {
  readonly forms: readonly QaForm[];
  /** QA staff and admins read the audit log; supervisors do not. */
  readonly showsAccess: boolean;
  readonly onReviewed: () => void;
}

export async function showCallDetail(target: HTMLElement, call: QaCall, options: DetailOptions): Promise<void> {
  fill(target, h('p', {}, t('loading')));
  try {
    const [{ ticket }, names] = await Promise.all([api<TicketDetailReply>('GET', `/api/tickets/${call.id}`), queueNames()]);
    const access = options.showsAccess ? recordingAccess(call.callId) : null;
    // The audit log's readers see where a supervisor was on the call too.
    const monitored = options.showsAccess ? monitoredSpans(ticket) : null;
    fill(target, facts(ticket, names), recordings(ticket, () => access?.refresh()), monitored, access?.element, scoreForm(call.callId, options.forms, options.onReviewed));
  } catch (error) {
    fill(target, errorParagraph(error));
  }
}

function facts(ticket: TicketDetail, names: QueueNames): HTMLElement {
  const line = (label: string, value: string | number | null | undefined, id?: string): HTMLElement[] => [h('dt', {}, label), h('dd', id ? { id } : {}, value === null || value === undefined || value === '' ? '–' : String(value))];
  return h(
    'dl',
    { class: 'facts', id: 'qa-facts' },
    line(t('ticketNumber'), ticket.number),
    line(t('callerNumber'), ticket.callerNumber, 'qa-caller-number'),
    line(t('agent'), ticket.agentId),
    line(t('queue'), queueLabel(names, ticket.queue)),
    line(t('ivrPath'), ticket.call.ivrPathWords, 'qa-ivr-path'),
    line(t('startedAt'), chinaTime(ticket.call.startedAt)),
    line(t('answeredAt'), chinaTime(ticket.call.agentAnsweredAt)),
    line(t('endedAt'), chinaTime(ticket.call.endedAt)),
    line(t('wait'), ticket.call.waitMs === null ? null : seconds(ticket.call.waitMs / 1000)),
    line(t('talk'), ticket.call.talkMs === null ? null : seconds(ticket.call.talkMs / 1000)),
    line(t('ticketStatus'), word(TICKET_STATUS_WORDS, ticket.status), 'qa-ticket-status'),
    line(t('requestType'), ticket.requestType ? word(REQUEST_TYPE_WORDS, ticket.requestType) : null),
    line(t('urgency'), word(URGENCY_WORDS, ticket.urgency)),
    line(t('title'), ticket.title),
    line(t('description'), ticket.description),
    line(t('satisfaction'), ticket.satisfaction ? word(SATISFACTION_WORDS, ticket.satisfaction) : null),
  );
}

/** The players; `onFetched` runs when a player has read from the server (each read is in the audit log). */
function recordings(ticket: TicketDetail, onFetched: () => void): HTMLElement {
  const playable = ticket.recordings.filter((recording) => recording.url !== null);
  const players = playable.map((recording, index) =>
    h(
      'div',
      { class: 'recording' },
      h('label', { for: `qa-audio-${index}` }, `${t('recording')} ${index + 1} · ${word(RECORDING_KIND_WORDS, recording.kind)} · ${recording.durationMs === null ? '' : seconds(recording.durationMs / 1000)}`),
      // The session cookie set at sign-in authorises this GET: <audio> cannot send a bearer header.
      h('audio', { id: `qa-audio-${index}`, class: 'qa-audio', controls: true, preload: 'metadata', src: recording.url ?? '', onloadedmetadata: onFetched, onplaying: onFetched, onseeked: onFetched }),
    ),
  );
  return h('section', { 'aria-labelledby': 'qa-recordings-title' }, h('h3', { id: 'qa-recordings-title' }, t('recording')), players.length ? players : h('p', {}, t('noRecording')));
}

function scoreForm(callId: string, forms: readonly QaForm[], onReviewed: () => void): HTMLElement {
  const formSelect = h('select', {}, forms.map((form) => h('option', { value: form.id, selected: form.default }, form.name)));
  const items = h('div', { class: 'score-items', id: 'qa-score-items' });
  const comment = h('textarea', { rows: 2, maxlength: 2000 });
  const result = h('p', { class: 'message', role: 'status', id: 'qa-review-result' });
  const chosen = (): QaForm | undefined => forms.find((form) => form.id === formSelect.value);
  const renderItems = (): void => {
    const form = chosen();
    fill(
      items,
      (form?.items ?? []).map((item) =>
        item.fatal
          ? h('div', { class: 'field inline' }, h('input', { type: 'checkbox', id: `score-${item.id}`, 'data-item': item.id, 'data-fatal': 'true' }), h('label', { for: `score-${item.id}`, title: item.description ?? '' }, `${t('fatal')}：${item.name}（${t('failed')}）`))
          : field(`score-${item.id}`, `${item.name}（0–${item.weight}）`, h('input', { type: 'number', min: 0, max: item.weight, step: 1, value: item.weight, required: true, 'data-item': item.id, title: item.description ?? '' })),
      ),
    );
  };
  formSelect.addEventListener('change', renderItems);
  renderItems();

  const submit = async (): Promise<void> => {
    const form = chosen();
    if (!form) return;
    const answers = form.items.map((item) => {
      const input = document.getElementById(`score-${item.id}`) as HTMLInputElement;
      return item.fatal ? { itemId: item.id, failed: input.checked } : { itemId: item.id, points: Number(input.value) };
    });
    result.textContent = '';
    try {
      const { review } = await api<QaReviewReply>('POST', '/api/qa/reviews', { callId, formId: form.id, answers, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) } satisfies ReviewBody);
      fill(result, `${t('total')}: `, h('strong', { id: 'qa-review-total' }, String(review.total)), ` · ${t('grade')}: `, h('strong', { id: 'qa-review-grade', 'data-grade': review.grade }, word(QA_GRADE_WORDS, review.grade)));
      onReviewed();
    } catch (error) {
      showError(result, error);
    }
  };
  return h(
    'form',
    {
      class: 'score-form',
      // The server checks the points against the form and answers with a code the reviewer sees.
      novalidate: true,
      id: 'qa-score-form',
      'aria-labelledby': 'qa-score-title',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void submit();
      },
    },
    h('h3', { id: 'qa-score-title' }, t('scoreForm')),
    field('qa-form-select', t('form'), formSelect),
    items,
    field('qa-review-comment', t('comment'), comment),
    h('button', { type: 'submit', class: 'primary', id: 'qa-review-submit' }, t('submitReview')),
    result,
  );
}
