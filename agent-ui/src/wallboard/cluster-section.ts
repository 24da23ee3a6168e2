// The wallboard's cluster section: each server with its PBX state, who holds each role's lease, and
// how far behind each consumer group of the shared streams is, read from GET /api/cluster every 5 s.
// Shown only when the server says it is one of a cluster; a single box shows nothing here.
import { api } from '../api.js';
import type { ClusterNode, ClusterReply } from '../api-types.js';
import { chinaTime, fill, h } from '../dom.js';
import { PBX_ROLE_WORDS, t, word, type TextKey } from '../i18n.js';
import { showError } from '../page.js';

const REFRESH_EVERY_MS = 5_000;

function table(id: string, heads: readonly TextKey[], rows: HTMLTableRowElement[]): HTMLTableElement {
  return h('table', { class: 'list', id }, h('thead', {}, h('tr', {}, heads.map((key) => h('th', { scope: 'col' }, t(key))))), h('tbody', {}, rows));
}

function nodesTable(nodes: readonly ClusterNode[]): HTMLTableElement {
  return table(
    'wb-cluster-nodes',
    ['clusterNode', 'clusterPbx', 'clusterPbxRole', 'clusterMayLead', 'clusterStartedAt'],
    nodes.map((n) =>
      h('tr', { 'data-node': n.node, 'data-role': n.pbxRole }, h('th', { scope: 'row' }, n.node), h('td', {}, n.pbx ?? '–'), h('td', {}, word(PBX_ROLE_WORDS, n.pbxRole)), h('td', {}, t(n.mayLead ? 'clusterYes' : 'clusterNo')), h('td', {}, chinaTime(n.startedAt))),
    ),
  );
}

function leasesTable(leases: NonNullable<ClusterReply['leases']>): HTMLTableElement {
  return table(
    'wb-cluster-leases',
    ['clusterLease', 'clusterHolder'],
    leases.map((l) => h('tr', { 'data-lease': l.name, class: l.held ? '' : 'warn' }, h('th', { scope: 'row' }, l.name), h('td', {}, l.holder ?? t('clusterNoHolder')))),
  );
}

function streamsTable(streams: NonNullable<ClusterReply['streams']>): HTMLTableElement {
  const rows = streams.flatMap((s) =>
    (s.groups.length > 0 ? s.groups : [null]).map((g) =>
      h('tr', { 'data-stream': s.stream }, h('th', { scope: 'row' }, s.stream), h('td', {}, String(s.length)), h('td', {}, g?.group ?? '–'), h('td', { 'data-field': 'lag' }, g ? String(g.lag ?? '?') : '–'), h('td', {}, g ? String(g.pending) : '–')),
    ),
  );
  return table('wb-cluster-streams', ['clusterStream', 'clusterLength', 'clusterGroup', 'clusterLag', 'clusterPending'], rows);
}

/** The section (hidden until the first answer says cluster), refreshing itself. */
export function clusterSection(): HTMLElement {
  const body = h('div', { id: 'wb-cluster-box' });
  const message = h('p', { class: 'message', role: 'status' });
  const section = h('section', { class: 'card', id: 'wb-cluster', 'aria-labelledby': 'wb-cluster-title', hidden: true }, h('h2', { id: 'wb-cluster-title' }, t('cluster')), body, message);
  const load = async (): Promise<void> => {
    try {
      const answer = await api<ClusterReply>('GET', '/api/cluster');
      section.hidden = !answer.cluster;
      if (!answer.cluster) return;
      fill(
        body,
        h('h3', {}, t('clusterNodes')),
        nodesTable(answer.nodes ?? []),
        h('h3', {}, t('clusterLeases')),
        leasesTable(answer.leases ?? []),
        h('h3', {}, t('clusterStreams')),
        streamsTable(answer.streams ?? []),
      );
      message.textContent = '';
    } catch (error) {
      // Shown only once the section is: a single box's page has nothing to say here.
      if (!section.hidden) showError(message, error);
    }
  };
  void load();
  window.setInterval(() => void load(), REFRESH_EVERY_MS);
  return section;
}
