// The agent desktop (/): state bar, screen pop, the work order from the answer on (a draft of the
// call while it lasts, the ticket after it), transfer and three-way.
// Everything live comes over Socket.IO; after every (re)connect the page asks for the whole picture
// (state:sync), so a reload or a dropped network never loses a ringing call's pop. An agent's
// desktop also carries the agent's browser phone (../phone/), which speaks SIP over /sip on its own.
import '../styles.css';
import type { AgentStateView, ScreenPop } from '../../../src/contract/socket-events.js';
import { byId, h } from '../dom.js';
import { startPage } from '../page.js';
import { browserPhone, type BrowserPhone } from '../phone/browser-phone.js';
import { clearSession } from '../session.js';
import { connectSocket, type SocketLink } from '../socket-link.js';
import { callActions } from './call-actions.js';
import { monitorBanner } from './monitor-banner.js';
import { helpButton } from './help-button.js';
import { knowledgePanel } from './knowledge-panel.js';
import { popCard } from './pop-card.js';
import { returnVisitPanel, type ReturnVisitPanel } from './return-visit-panel.js';
import { installShortcuts, shortcutsHelp } from './shortcuts.js';
import { stateBar } from './state-bar.js';
import { ticketForm, type OpenTicket } from './ticket-form.js';

// The ticket being filed survives a reload of the tab (the call's pop is gone by then).
const OPEN_TICKET_KEY = 'hotline.openTicket';
const rememberTicket = (ticket: OpenTicket | null): void => {
  if (ticket) sessionStorage.setItem(OPEN_TICKET_KEY, JSON.stringify(ticket));
  else sessionStorage.removeItem(OPEN_TICKET_KEY);
};
const rememberedTicket = (): OpenTicket | null => {
  const raw = sessionStorage.getItem(OPEN_TICKET_KEY);
  return raw ? (JSON.parse(raw) as OpenTicket) : null;
};

let link: SocketLink | null = null;
let phone: BrowserPhone | null = null;
let visits: ReturnVisitPanel | null = null;

startPage({
  title: 'agentDesktop',
  roles: ['agent', 'supervisor'],
  onSignOut: () => {
    link?.close();
    link = null;
    phone?.stop();
    phone = null;
    visits?.stop();
    visits = null;
    rememberTicket(null);
  },
  render: (main, session) => {
    const agentId = session.user.agentId;
    link = connectSocket(session.token, () => {
      clearSession();
      location.reload();
    });
    const { socket } = link;
    byId('topbar-extra').append(link.indicator, ' ', shortcutsHelp());

    const bar = stateBar(socket, agentId !== null);
    const pop = popCard();
    const actions = callActions();
    const monitored = monitorBanner();
    const help = helpButton(socket);
    // The conversation's controls (transfer, three-way, 举手) follow the call the agent talks on.
    const setCall = (callId: string | null): void => {
      actions.setCall(callId);
      help.setCall(callId);
    };
    const form = ticketForm(agentId, () => rememberTicket(null));
    const knowledge = knowledgePanel((article) => form.quote(article));
    // Only an agent has a phone; a supervisor looking at the desktop sees the state bar's line instead.
    phone = agentId === null ? null : browserPhone();
    main.classList.add('desktop');
    // Who works the return-visit list (回访) makes by hand the visits the automatic calls could not.
    visits = session.user.duties.includes('return-visits') ? returnVisitPanel() : null;
    void visits?.reload();
    main.append(bar.element, h('div', { class: 'columns' }, h('div', {}, monitored.element, phone?.element, pop.element, actions.element, help.element), h('div', {}, form.element, knowledge.element, visits?.element)));

    const onState = (state: AgentStateView | null): void => {
      bar.update(state);
      // What the phone's hang-up ends while the agent is on their line.
      phone?.citizenCall(state?.state === 'on_call' ? (state.callId ?? null) : null);
      const current = pop.current();
      if (!current) return;
      const ours = state?.callId === current.callId;
      if (ours && state?.state === 'on_call') {
        pop.setPhase(current.callId, 'talking');
        setCall(current.callId);
        void form.openDraft(current.callId, current);
      } else if (!(ours && state?.state === 'offered') && pop.phase() !== 'ended') {
        // The call left this agent without a hang-up event for them: transferred away, or the
        // phone rang out and the ACD offered the call elsewhere.
        pop.setPhase(current.callId, 'ended');
        setCall(null);
        form.closeDraft(current.callId);
      }
    };
    socket.on('connect', () => {
      socket
        .timeout(8000)
        .emitWithAck('state:sync')
        .then(({ agent, pop: ringing, ended }) => {
          if (ringing) showPop(ringing, agent?.state === 'on_call' && agent.callId === ringing.callId ? 'talking' : 'ringing');
          onState(agent);
          if (ended) {
            pop.setPhase(ended.callId, 'ended');
            if (ended.ticketId !== null && !form.isOpen()) openTicket({ ticketId: ended.ticketId, callId: ended.callId });
          }
        })
        .catch(() => undefined);
    });
    const showPop = (next: ScreenPop, phase: 'ringing' | 'talking'): void => {
      if (pop.current()?.callId !== next.callId) knowledge.showPop(next);
      pop.show(next, phase);
      setCall(phase === 'talking' ? next.callId : null);
    };
    socket.on('agent:state', onState);
    socket.on('pop', (next) => showPop(next, 'ringing'));
    socket.on('call:answered', (event) => {
      pop.setPhase(event.callId, 'talking');
      const answered = pop.current();
      if (answered?.callId !== event.callId) return;
      setCall(event.callId);
      phone?.citizenCall(event.callId);
      // The agent records the request while the citizen speaks.
      void form.openDraft(event.callId, answered);
    });
    socket.on('monitor:changed', (event) => monitored.changed(event));
    socket.on('call:ended', (event) => {
      monitored.callEnded(event.callId);
      pop.setPhase(event.callId, 'ended');
      phone?.citizenCall(null);
      setCall(null);
      if (event.ticketId !== null) openTicket({ ticketId: event.ticketId, callId: event.callId });
    });
    const openTicket = (ticket: OpenTicket): void => {
      rememberTicket(ticket);
      void form.open(ticket, pop.current()?.callId === ticket.callId ? pop.current() : null);
    };
    // The server also says which ticket is being filed (state:sync), but only during wrap-up.
    const remembered = rememberedTicket();
    if (remembered) openTicket(remembered);

    installShortcuts({
      ready: bar.ready,
      pause: bar.pause,
      save: () => void form.save(),
      submit: () => void form.submit(),
      transfer: actions.focusTransfer,
      help: help.toggle,
    });
  },
});
