// The handling unit's page (/unit): its orders with their 1345 deadlines and warnings, and one order
// with its history and the unit's actions (签收, 进展反馈, 答复, 退单, 延期) and the hotline's decisions;
// a link to the knowledge page (知识维护), where the unit keeps its own articles.
import '../styles.css';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { startPage } from '../page.js';
import { showOrder } from './order-detail.js';
import { orderList } from './order-list.js';

startPage({
  title: 'unitPage',
  roles: ['unit'],
  render: (main) => {
    const detail = h('div', { id: 'unit-detail' }, h('p', { class: 'message' }, t('pickOrder')));
    const list = orderList((order) => void showOrder(detail, order.number, () => void list.reload()));
    document.getElementById('topbar-extra')?.append(h('a', { href: '/knowledge', id: 'unit-knowledge-link', class: 'topbar-link' }, t('knowledgeLink')));
    main.classList.add('unit');
    main.append(h('div', { class: 'columns' }, list.element, h('section', { class: 'card', 'aria-labelledby': 'unit-detail-title' }, h('h2', { id: 'unit-detail-title' }, t('orderDetail')), detail)));
    void list.reload();
  },
});
