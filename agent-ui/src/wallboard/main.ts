// The supervisor wallboard (/wallboard): queues, agents and warnings live over Socket.IO, the day's
// GB/T indicators from the daily report and the day's curve (day-curve.ts), refreshed every minute, the open
// hotspot warnings (hotspot-warnings.ts), and a cluster's servers, leases and
// streams (cluster-section.ts); and the supervisor's browser phone (../phone/), which answers the
// monitoring calls by itself when the server rings it (HOTLINE_SUPERVISOR_ENDPOINT=PJSIP/supervisor-{supervisor}-web).
import '../styles.css';
import '../charts/charts.css';
import type { AgentStateView, WallboardSnapshot } from '../../../src/contract/socket-events.js';
import { api } from '../api.js';
import type { DailyReportReply, QueueDayReport } from '../api-types.js';
import { byId, chinaTime, fill, h, percent, seconds } from '../dom.js';
import { ADMISSION_MODE_WORDS, AGENT_STATE_WORDS, PAUSE_REASON_WORDS, t, word, WARNING_WORDS } from '../i18n.js';
import { showError, startPage } from '../page.js';
import { browserPhone, type BrowserPhone } from '../phone/browser-phone.js';
import { clearSession } from '../session.js';
import { connectSocket, type SocketLink } from '../socket-link.js';
import { clusterSection } from './cluster-section.js';
import { dayCurveSection } from './day-curve.js';
import { hotspotWarnings } from './hotspot-warnings.js';
import { monitorControls, type MonitorControls } from './monitor-controls.js';
import { helpList } from './help-list.js';
import { unitRequestsSection } from './unit-requests.js';

const REPORT_EVERY_MS = 60_000;
let link: SocketLink | null = null;
let phone: BrowserPhone | null = null;

const tile = (labelText: string, value: string, id: string, tone = ''): HTMLElement =>
  h('div', { class: `tile ${tone}` }, h('div', { class: 'label' }, labelText), h('div', { class: 'value', id }, value));

function queuesTable(snapshot: WallboardSnapshot): HTMLElement {
  // The second-choice count needs its meaning at hand: the header alone cannot say whose desk was short.
  const heads: [string, string?][] = [[t('queue')], [t('waiting')], [t('longestWait')], [t('callbacksWaiting')], [t('offeredToday')], [t('answeredToday')], [t('answeredBySecondChoiceToday'), t('answeredBySecondChoiceHint')], [t('abandonedToday')], [t('serviceLevelToday')]];
  return h(
    'table',
    { class: 'list', id: 'wb-queues' },
    h('thead', {}, h('tr', {}, heads.map(([text, hint]) => h('th', { scope: 'col', title: hint }, text)))),
    h(
      'tbody',
      {},
      snapshot.queues.map((q) =>
        h(
          'tr',
          { 'data-queue': q.queueId },
          h('th', { scope: 'row' }, q.name),
          h('td', { 'data-field': 'waiting' }, String(q.waiting)),
          h('td', { 'data-field': 'longestWait' }, seconds(q.longestWaitSeconds)),
          h('td', { 'data-field': 'callbacksWaiting' }, String(q.callbacksWaiting)),
          h('td', { 'data-field': 'offeredToday' }, String(q.offeredToday)),
          h('td', { 'data-field': 'answeredToday' }, String(q.answeredToday)),
          h('td', { 'data-field': 'answeredBySecondChoiceToday' }, String(q.answeredBySecondChoiceToday)),
          h('td', { 'data-field': 'abandonedToday' }, String(q.abandonedToday)),
          h('td', { 'data-field': 'serviceLevelToday' }, percent(q.serviceLevelToday)),
        ),
      ),
    ),
  );
}

function agentsTable(agents: readonly AgentStateView[], monitor: MonitorControls): HTMLElement {
  return h(
    'table',
    { class: 'list', id: 'wb-agents' },
    h('thead', {}, h('tr', {}, [t('agent'), t('state'), t('duration'), t('monitor')].map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      {},
      agents.map((a) =>
        h(
          'tr',
          { 'data-agent': a.agentId, 'data-state': a.state },
          h('th', { scope: 'row' }, `${a.agentId} ${a.name}`),
          h('td', {}, `${word(AGENT_STATE_WORDS, a.state)}${a.reason ? ` · ${word(PAUSE_REASON_WORDS, a.reason)}` : ''}`),
          // Ticks locally from `since`: the server sends a snapshot only when something changes.
          h('td', { class: 'since', 'data-since': a.since }, seconds((Date.now() - Date.parse(a.since)) / 1000)),
          monitor.cellFor(a),
        ),
      ),
    ),
  );
}

function reportTiles(answer: DailyReportReply): HTMLElement[] {
  const total: QueueDayReport = answer.report.total;
  const ms = (value: number | null): string => (value === null ? '–' : t('secondsShort', { n: Math.round(value / 1000) }));
  return [
    tile(t('answerRate'), percent(total.answerRate), 'wb-answer-rate'),
    tile(t('fifteenSecondRate'), percent(total.serviceLevel), 'wb-15s-rate'),
    tile(t('abandonRate'), percent(total.abandonRate), 'wb-abandon-rate'),
    tile(t('asa'), ms(total.asaMs), 'wb-asa'),
    tile(t('aht'), ms(total.ahtMs), 'wb-aht'),
    tile(t('connectionRate24h'), percent(answer.connectionRate24h), 'wb-24h'),
    ...followUpTiles(answer.followUp),
  ];
}

/** The work after the call today: units' signs within 5 minutes, reminders, automatic return visits. */
function followUpTiles(f: DailyReportReply['followUp']): HTMLElement[] {
  return [
    tile(t('signedWithinTarget'), percent(f.signedWithinTargetRate), 'wb-signed-in-time'),
    tile(t('reminderTexts'), `${f.messages.delivered}/${f.messages.sent}`, 'wb-reminder-texts'),
    tile(t('reminderCalls'), `${f.reminderCalls.reached}/${f.reminderCalls.dialed}`, 'wb-reminder-calls'),
    tile(t('returnVisitRate'), percent(f.returnVisits.rate), 'wb-visit-rate'),
    tile(t('returnVisitSatisfaction'), percent(f.returnVisits.satisfactionRate), 'wb-visit-satisfaction'),
  ];
}

startPage({
  title: 'wallboard',
  roles: ['supervisor'],
  onSignOut: () => {
    link?.close();
    link = null;
    phone?.stop();
    phone = null;
  },
  render: (main, session) => {
    main.classList.add('wallboard');
    link = connectSocket(session.token, () => {
      clearSession();
      location.reload();
    });
    const { socket } = link;
    byId('topbar-extra').append(link.indicator, h('a', { href: '/analysis', class: 'topbar-link', id: 'wb-analysis-link' }, t('analysisLink')));
    const warnings = h('div', { class: 'tiles', id: 'wb-warnings' });
    // Shown while overload protection sheds new callers: the centre is past its capacity.
    const shed = h('p', { class: 'error banner', role: 'alert', id: 'wb-admission', hidden: true });
    const queues = h('div', { id: 'wb-queues-box' });
    const agents = h('div', { id: 'wb-agents-box' });
    const updated = h('p', { class: 'message', id: 'wb-updated' });
    const report = h('div', { class: 'tiles', id: 'wb-report' });
    const reportMessage = h('p', { class: 'message', role: 'status' });
    let last: WallboardSnapshot | null = null;
    // The supervisor's sessions changed: the agents' controls are drawn again from the last snapshot.
    const monitor = monitorControls(session.user.id, () => {
      if (last) fill(agents, agentsTable(last.agents, monitor));
    });
    const hands = helpList(() => monitor.refresh());
    const unitRequests = unitRequestsSection();
    phone = browserPhone({ monitoring: true });
    const curve = dayCurveSection();
    const hotspots = hotspotWarnings();
    main.append(
      shed,
      hands.element,
      h('section', { class: 'card', 'aria-labelledby': 'wb-queues-title' }, h('h2', { id: 'wb-queues-title' }, t('queues')), queues, updated),
      h('div', { class: 'columns' }, h('section', { class: 'card', 'aria-labelledby': 'wb-agents-title' }, h('h2', { id: 'wb-agents-title' }, t('agents')), agents, monitor.message), h('div', {}, phone.element, h('section', { class: 'card', 'aria-labelledby': 'wb-warnings-title' }, h('h2', { id: 'wb-warnings-title' }, t('warnings')), warnings))),
      h('div', { class: 'columns even' }, h('section', { class: 'card', 'aria-labelledby': 'wb-report-title' }, h('h2', { id: 'wb-report-title' }, t('dailyReport')), report, reportMessage), curve.element),
      hotspots.element,
      unitRequests.element,
      clusterSection(),
    );
    void unitRequests.reload();
    void hotspots.reload();

    const render = (snapshot: WallboardSnapshot | null): void => {
      if (!snapshot) return;
      last = snapshot;
      hands.show(snapshot);
      curve.callsEnded(snapshot.queues.reduce((sum, q) => sum + q.answeredToday + q.abandonedToday, 0));
      fill(queues, queuesTable(snapshot));
      fill(agents, agentsTable(snapshot.agents, monitor));
      fill(
        warnings,
        tile(word(WARNING_WORDS, 'red'), String(snapshot.warnings.red), 'wb-warn-red', 'red'),
        tile(word(WARNING_WORDS, 'yellow'), String(snapshot.warnings.yellow), 'wb-warn-yellow', 'yellow'),
        tile(word(WARNING_WORDS, 'green'), String(snapshot.warnings.green), 'wb-warn-green', 'green'),
      );
      const { mode, since } = snapshot.admission;
      updated.textContent = `${t('updatedAt')} ${chinaTime(snapshot.at)} · ${t('admissionNow', { mode: word(ADMISSION_MODE_WORDS, mode) })}`;
      updated.dataset.admission = mode;
      // Any mode but the normal one is news a supervisor must not miss, a mode this page does not know included.
      shed.hidden = mode === 'admit';
      shed.textContent = shed.hidden ? '' : mode === 'shed' ? t('admissionShed', { since: chinaTime(since) }) : t('admissionOther', { mode: word(ADMISSION_MODE_WORDS, mode), since: chinaTime(since) });
    };
    socket.on('connect', () => {
      socket.timeout(8000).emitWithAck('wallboard:sync').then(render, () => undefined);
    });
    socket.on('wallboard', render);
    socket.on('hotspot:changed', (warning) => hotspots.changed(warning));
    window.setInterval(() => {
      for (const cell of agents.querySelectorAll<HTMLElement>('td.since')) cell.textContent = seconds((Date.now() - Date.parse(cell.dataset.since ?? '')) / 1000);
    }, 1000);

    const loadReport = async (): Promise<void> => {
      try {
        fill(report, reportTiles(await api<DailyReportReply>('GET', '/api/reports/daily')));
        reportMessage.textContent = '';
      } catch (error) {
        showError(reportMessage, error);
      }
    };
    void loadReport();
    window.setInterval(() => void loadReport(), REPORT_EVERY_MS);
  },
});
