// The ticket search on both databases: the same tickets, the same searches, the same answers, in the
// same order, page by page. Text is matched as typed (a substring of number, title, description or
// location; ASCII case ignored), for one, two, three and more characters, and for the characters
// SQL patterns and FTS queries give meaning to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketFilter } from '../../../src/adapters/db/ticket-query.js';
import { callFacts } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const day = Date.UTC(2027, 2, 1, 2, 0, 0);
const ORDERS: readonly { call: string; title: string; description: string; location: string; status?: string; category?: string }[] = [
  { call: 's1', title: '小区停车位被占', description: '晚上回家没有车位', location: '鼓楼区华林路' },
  { call: 's2', title: '停车难', description: '医院门口停车难', location: '台江区' },
  { call: 's3', title: 'Parking lot ABC', description: 'gate broken', location: 'Block 5' },
  { call: 's4', title: '施工噪音扰民', description: '夜间施工', location: '仓山区', status: 'dispatched', category: '0301' },
  { call: 's5', title: '满意度 100% 的表扬', description: '感谢', location: '' },
  { call: 's6', title: 'a_b 测试', description: 'x', location: '' },
  { call: 's7', title: '引号"测试', description: "单引号'", location: '' },
  { call: 's8', title: '社保卡补办', description: '社会保险卡丢失', location: '晋安区', category: '0302' },
  { call: 's9', title: '物业不作为', description: '电梯故障，停车场漏水', location: '鼓楼区' },
];

async function seed(s: ContractStores): Promise<void> {
  for (const [i, order] of ORDERS.entries()) {
    const { ticket } = await s.tickets.closeCallWithTicket(callFacts(order.call), day + i * 60_000);
    await s.tickets.update(ticket.id, null, { title: order.title, description: order.description, location: order.location, ...(order.status ? { status: order.status } : {}), ...(order.category ? { categoryCode: order.category } : {}) }, []);
  }
}

describe.each(STORAGE_BACKENDS)('ticket search on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('search');
    await seed(s);
  });
  afterAll(() => s.close());

  const found = async (filter: Omit<TicketFilter, 'limit'>): Promise<string[]> => (await s.tickets.list({ limit: 50, ...filter }))?.tickets.map((t) => t.callId) ?? [];

  it.each([
    ['停', ['s9', 's2', 's1']],
    ['停车', ['s9', 's2', 's1']],
    ['停车位', ['s1']],
    ['鼓楼区', ['s9', 's1']],
    ['abc', ['s3']],
    ['PARKING LOT', ['s3']],
    ['100%', ['s5']],
    ['%', ['s5']],
    ['a_b', ['s6']],
    ['_', ['s6']],
    ['"', ['s7']],
    ["'", ['s7']],
    ['社保', ['s8']],
    ['社会保险', ['s8']],
    ['医保', []],
    ['20270301-00000', ['s9', 's8', 's7', 's6', 's5', 's4', 's3', 's2', 's1']],
  ] as const)('text %j finds %j, newest first', async (text, expected) => {
    expect(await found({ text })).toEqual(expected);
  });

  it('combines text with the other filters', async () => {
    expect(await found({ text: '区', statuses: ['dispatched'] })).toEqual(['s4']);
    expect(await found({ category: '03' })).toEqual(['s8', 's4']);
    expect(await found({ category: '0302', text: '卡' })).toEqual(['s8']);
    expect(await found({ from: day + 60_000, to: day + 3 * 60_000 })).toEqual(['s3', 's2']);
  });

  it('pages through the results with cursors, and refuses a cursor it did not hand out', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await s.tickets.list({ limit: 4, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...(page?.tickets.map((t) => t.callId) ?? []));
      if (!page?.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['s9', 's8', 's7', 's6', 's5', 's4', 's3', 's2', 's1']);
    expect(await s.tickets.list({ limit: 4, cursor: 'bm90LW91cnM' })).toBeNull();
  });
});
