// The QA review page (/qa): call records, recordings, scoring, samples, summary and export.
import '../styles.css';
import { api } from '../api.js';
import type { QaCall, QaForm, QaFormsReply } from '../api-types.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorParagraph, startPage } from '../page.js';
import { showCallDetail } from './call-detail.js';
import { callList } from './call-list.js';
import { qaTools } from './qa-tools.js';

startPage({
  title: 'qaPage',
  roles: ['qa', 'supervisor'],
  render: (main, session) => {
    const detail = h('div', { id: 'qa-detail' }, h('p', { class: 'message' }, t('pickCall')));
    let forms: QaForm[] = [];
    const formsLoaded = api<QaFormsReply>('GET', '/api/qa/forms').then(
      (answer) => (forms = answer.forms),
      (error: unknown) => detail.replaceChildren(errorParagraph(error)),
    );
    const select = (call: QaCall): void => {
      const showsAccess = session.user.role === 'qa' || session.user.role === 'admin';
      void formsLoaded.then(() => showCallDetail(detail, call, { forms, showsAccess, onReviewed: () => list.reload() }));
    };
    const list = callList(select);
    main.classList.add('qa');
    main.append(
      h('div', { class: 'columns' }, list.element, h('section', { class: 'card', 'aria-labelledby': 'qa-detail-title' }, h('h2', { id: 'qa-detail-title' }, t('callDetail')), detail)),
      qaTools(),
    );
  },
});
