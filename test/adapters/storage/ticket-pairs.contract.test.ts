// The two-character ticket search on both databases (the index of character pairs): every answer is
// compared with what reading every ticket finds (a substring of number, title, description or
// location, ASCII case ignored), newest first, over any time range, page by page, for hostile text,
// and after the rows change by the store or by plain SQL (the database keeps its index up to date).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketFilter } from '../../../src/app/ports/ticket-search.js';
import type { TicketRow } from '../../../src/app/ports/ticket-records.js';
import { callFacts } from '../../helpers/call-facts.js';
import { pairsBackends, type PairsBackend } from '../../helpers/pairs-backends.js';

const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 5, 2, 0, 0);
const LONG = '长'.repeat(40) + 'x"*%_\\'.repeat(10) + '尾'.repeat(30);
// Each order lands 9 days after the one before: the whole set spans more than a year.
const ORDERS: readonly { title: string; description: string; location: string }[] = [
  { title: '停车场收费', description: '收费不合理', location: '鼓楼区' },
  { title: '小区乱停车', description: '占用消防通道', location: '台江区' },
  { title: '车位乱停', description: '车辆堵门', location: '' },
  { title: 'Parking AB-12', description: 'gate Broken', location: 'Block 5' },
  { title: 'a"b*c NEAR d%e_f\\g', description: "it's 😀🚗 ok", location: "O'Neil 路" },
  { title: '物业不作为', description: '夜间噪音扰民', location: '晋安区' },
  { title: '社保卡补办', description: '社会保险卡丢失', location: '仓山区' },
  { title: LONG, description: '', location: '' },
  { title: '噪音', description: '停车', location: '物业' },
];

const fold = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
const holds = (ticket: TicketRow, text: string): boolean => [ticket.number, ticket.title, ticket.description, ticket.location].some((field) => field !== null && fold(field).includes(fold(text)));

describe.each(pairsBackends())('two-character ticket search on $name', (backend) => {
  let b: PairsBackend;
  const every = async (): Promise<TicketRow[]> => (await b.stores.tickets.list({ limit: 1000 }))?.tickets ?? [];
  const found = async (filter: Omit<TicketFilter, 'limit'>, limit = 100): Promise<string[]> => (await b.stores.tickets.list({ limit, ...filter }))?.tickets.map((t) => t.callId) ?? [];
  // What reading every ticket finds: the oracle each answer must equal.
  const expected = async (text: string): Promise<string[]> => (await every()).filter((t) => holds(t, text)).map((t) => t.callId);

  beforeAll(async () => {
    b = await backend.open('pairs');
    for (const [i, order] of ORDERS.entries()) {
      const { ticket } = await b.stores.tickets.closeCallWithTicket(callFacts(`p${i + 1}`), start + i * 9 * DAY);
      await b.stores.tickets.update(ticket.id, null, order, []);
    }
  });
  afterAll(() => b.close());

  it.each([
    ['停车', ['p9', 'p2', 'p1']],
    ['车场', ['p1']],
    ['收费', ['p1']],
    ['乱停', ['p3', 'p2']],
    ['噪音', ['p9', 'p6']],
    ['物业', ['p9', 'p6']],
    ['社保', ['p7']],
    ['ab', ['p4']],
    ['AB', ['p4']],
    ['bR', ['p4']],
    ['-1', ['p4']],
    ['医保', []],
  ] as const)('%j finds %j, newest first, over any range', async (text, ids) => {
    expect(await found({ text })).toEqual(ids);
    expect(await found({ text, from: start - 400 * DAY, to: start + 800 * DAY })).toEqual(ids);
    expect(await expected(text)).toEqual(ids);
  });

  it('finds a word at the start and at the end of a field, never across two fields', async () => {
    expect(await found({ text: '小区' })).toEqual(['p2']);
    expect(await found({ text: '停车' })).not.toContain('p3');
    // p3: title ends 停, description starts 车; p6: title ends 为, description starts 夜.
    expect(await found({ text: '停车' })).toEqual(await expected('停车'));
    expect(await found({ text: '为夜' })).toEqual([]);
  });

  it('matches a fragment of the order number', async () => {
    const p4 = (await every()).find((t) => t.callId === 'p4');
    const fragment = [...(p4?.number ?? '')].slice(-2).join('');
    expect(fragment).toMatch(/^\d\d$/);
    expect(await found({ text: fragment })).toEqual(await expected(fragment));
    expect(await found({ text: fragment })).toContain('p4');
  });

  it('keeps to a time range', async () => {
    expect(await found({ text: '停车', from: start + 5 * DAY, to: start + 20 * DAY })).toEqual(['p2']);
    expect(await found({ text: '停车', from: start + 100 * DAY })).toEqual([]);
  });

  it.each(['"', '*', 'NEAR', 'near', '%', '_', '\\', "'", '""', '*c', '%e', 'e_', '\\g', "'s", 'O\'', '😀', '😀🚗', '🚗 ', 'x"', LONG, 'a'.repeat(100), '%%', '__'])(
    'hostile text %j: no error, the same hits as reading every ticket',
    async (text) => {
      const hits = await found({ text });
      expect(hits).toEqual(await expected(text));
    },
  );

  it('hostile text finds what holds it', async () => {
    expect(await found({ text: '😀🚗' })).toEqual(['p5']);
    expect(await found({ text: '*c' })).toEqual(['p5']);
    expect(await found({ text: LONG })).toEqual(['p8']);
  });

  it('follows updates made by the store and by plain SQL, and deletes', async () => {
    const p1 = (await every()).find((t) => t.callId === 'p1');
    if (!p1) throw new Error('p1 missing');
    await b.stores.tickets.update(p1.id, null, { title: '路灯不亮', description: '社保中心门口' }, []);
    expect(await found({ text: '停车' })).toEqual(['p9', 'p2']);
    expect(await found({ text: '社保' })).toEqual(['p7', 'p1']);
    await b.sql(`update tickets set location = '地下停车库' where call_id = 'p3'`);
    expect(await found({ text: '停车' })).toEqual(['p9', 'p3', 'p2']);
    await b.sql(`update tickets set location = null where call_id = 'p3'`);
    expect(await found({ text: '停车' })).toEqual(['p9', 'p2']);
    await b.sql(`delete from ticket_events where ticket_id = (select id from tickets where call_id = 'p2')`);
    await b.sql(`delete from tickets where call_id = 'p2'`);
    expect(await found({ text: '停车' })).toEqual(['p9']);
    expect(await found({ text: '乱停' })).toEqual(['p3']);
    // The index itself, without the check of the text, follows every change.
    expect(await b.indexed('停车')).toEqual(['p9']);
    expect(await b.indexed('社保')).toEqual(['p1', 'p7']);
    expect(await b.indexed('收费')).toEqual([]);
    expect(await b.indexed('Ab')).toEqual(['p4']);
  });

  it('pages with cursors through a rare word and through a common one (thousands of orders), newest first', async () => {
    // 2,100 orders more: 噪音 is then common (read from the newest rows), 扰民 stays with the index.
    await b.bulkCopy('p4', 2100, '夜里噪音');
    await b.bulkCopy('p4', 30, '施工扰民');
    for (const text of ['噪音', '扰民', '社保']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages += 1) {
        const page = await b.stores.tickets.list({ text, limit: 97, ...(cursor === undefined ? {} : { cursor }) });
        seen.push(...(page?.tickets.map((t) => `${t.createdAt}:${t.id}`) ?? []));
        if (!page?.nextCursor) break;
        cursor = page.nextCursor;
      }
      const all = (await b.stores.tickets.list({ limit: 5000 }))?.tickets ?? [];
      expect(seen, text).toEqual(all.filter((t) => holds(t, text)).map((t) => `${t.createdAt}:${t.id}`));
    }
    expect((await found({ text: '噪音' }, 5000)).length).toBe(2102);
    expect((await found({ text: '扰民' }, 5000)).length).toBe(31);
  });
});
