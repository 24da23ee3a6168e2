// Who listened to a call's recording (录音访问记录): the audit log's recording.play entries of the
// call, newest first, read again after this page plays it; and the call's whole audit log as CSV.
import { api, query } from '../api.js';
import type { AuditEntry, AuditReply } from '../api-types.js';
import { chinaTime, fill, h } from '../dom.js';
import { AUDIT_RESULT_WORDS, ROLE_WORDS, t, word } from '../i18n.js';
import { describeError } from '../page.js';

export interface RecordingAccess {
  readonly element: HTMLElement;
  /** Reads the list again soon: several events of one playback make one read. */
  refresh(): void;
}

// A player's one "play" can be several requests (metadata, then ranges): wait for them to settle.
const SETTLE_MS = 300;

export function recordingAccess(callId: string): RecordingAccess {
  const rows = h('tbody', { id: 'qa-access-rows' });
  const message = h('p', { class: 'message', role: 'status', id: 'qa-access-message' }, t('loading'));
  // A plain link: the session cookie authorises the GET and the browser saves the attachment.
  const csv = h('a', { id: 'qa-access-csv', class: 'button', href: `/api/audit.csv${query({ call: callId })}` }, t('exportAuditCsv'));
  // An empty line would leave a gap above the CSV link.
  const say = (text: string): void => {
    message.textContent = text;
    message.hidden = text === '';
  };
  const load = async (): Promise<void> => {
    try {
      const { entries } = await api<AuditReply>('GET', `/api/audit${query({ call: callId, action: 'recording.play' })}`);
      fill(rows, entries.map(accessRow));
      say(entries.length === 0 ? t('noAccess') : '');
    } catch (error) {
      say(describeError(error));
    }
  };
  let pending: number | undefined;
  const refresh = (): void => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => void load(), SETTLE_MS);
  };
  void load();
  const table = h('table', { class: 'list' }, h('thead', {}, h('tr', {}, [t('time'), t('user'), t('role'), t('result'), t('range')].map((text) => h('th', { scope: 'col' }, text)))), rows);
  return { element: h('section', { 'aria-labelledby': 'qa-access-title', id: 'qa-access' }, h('h3', { id: 'qa-access-title' }, t('recordingAccess')), table, message, csv), refresh };
}

function accessRow(entry: AuditEntry): HTMLTableRowElement {
  const range = entry.detail?.range;
  return h(
    'tr',
    { 'data-audit-id': entry.id, 'data-result': entry.result },
    h('td', {}, chinaTime(entry.at)),
    h('td', {}, entry.actor),
    h('td', {}, word(ROLE_WORDS, entry.role)),
    h('td', {}, word(AUDIT_RESULT_WORDS, entry.result)),
    h('td', {}, typeof range === 'string' ? range : '–'),
  );
}
