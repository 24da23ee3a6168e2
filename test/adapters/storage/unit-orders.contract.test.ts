// A handling unit's orders on both databases: the list of one unit's orders (main or assisting, the
// assisting units a JSON array), the supervisors' list of pending requests, and the sign and the
// request kept and read back the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitRequest } from '../../../src/domain/tickets/unit-requests.js';
import { callFacts } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const day = Date.UTC(2027, 2, 2, 2, 0, 0);
const PENDING: UnitRequest = { kind: 'extension', state: 'pending', unit: 'housing-bureau', reason: '需协调厂家，“配件”未到', requestedBy: 'housing', requestedAt: day, days: 3 };
const ORDERS: readonly { call: string; main: string | null; assisting: string[]; request?: UnitRequest }[] = [
  { call: 'u1', main: 'housing-bureau', assisting: [] },
  { call: 'u2', main: 'urban-management', assisting: ['housing-bureau', 'dongcheng-subdistrict'] },
  { call: 'u3', main: 'urban-management', assisting: ['dongcheng-subdistrict'], request: { ...PENDING, unit: 'urban-management' } },
  { call: 'u4', main: null, assisting: [] },
  { call: 'u5', main: 'housing-bureau', assisting: [], request: PENDING },
  { call: 'u6', main: 'housing-bureau-2', assisting: ['housing-bureau-3'], request: { ...PENDING, state: 'rejected', decidedBy: 'supervisor', decidedAt: day + 1, decisionReason: '不同意' } },
];

describe.each(STORAGE_BACKENDS)('unit orders on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('unit-orders');
    for (const [i, order] of ORDERS.entries()) {
      const { ticket } = await s.tickets.closeCallWithTicket(callFacts(order.call), day + i * 60_000);
      const request = order.request ? { unitRequest: order.request, unitRequestState: order.request.state } : {};
      await s.tickets.update(ticket.id, null, { status: 'dispatched', mainUnit: order.main, assistingUnits: order.assisting, ...request }, []);
    }
  });
  afterAll(() => s.close());

  const found = async (filter: { unit?: string; unitRequestState?: string; statuses?: string[] }): Promise<string[]> => (await s.tickets.list({ limit: 50, ...filter }))?.tickets.map((t) => t.callId) ?? [];

  it('lists a unit’s orders, as main or as an assisting unit, and never a unit whose id only starts the same', async () => {
    expect(await found({ unit: 'housing-bureau' })).toEqual(['u5', 'u2', 'u1']);
    expect(await found({ unit: 'dongcheng-subdistrict' })).toEqual(['u3', 'u2']);
    expect(await found({ unit: 'housing-bureau-3' })).toEqual(['u6']);
    expect(await found({ unit: 'housing' })).toEqual([]);
    expect(await found({ unit: 'housing-bureau', statuses: ['in-progress'] })).toEqual([]);
  });

  it('lists the orders whose request waits for a decision', async () => {
    expect(await found({ unitRequestState: 'pending' })).toEqual(['u5', 'u3']);
    expect(await found({ unitRequestState: 'pending', unit: 'housing-bureau' })).toEqual(['u5']);
    expect(await found({ unitRequestState: 'rejected' })).toEqual(['u6']);
  });

  it('keeps the request and the sign as written, and a later update replaces them', async () => {
    const u5 = await s.tickets.getByCall('u5');
    expect(u5).toMatchObject({ unitRequest: PENDING, unitRequestState: 'pending', signedBy: null, signedVia: null });
    const decided: UnitRequest = { ...PENDING, state: 'approved', decidedBy: 'supervisor', decidedAt: day + 5, decisionReason: '同意' };
    const updated = await s.tickets.update(u5?.id ?? 0, u5?.version ?? 0, { unitRequest: decided, unitRequestState: 'approved', signedBy: '20001', signedVia: 'phone' }, [{ at: day + 5, kind: 'extension-approved', actor: 'supervisor', note: '同意', data: { days: 3 } }]);
    expect(updated.ok && updated.ticket).toMatchObject({ unitRequest: decided, unitRequestState: 'approved', signedBy: '20001', signedVia: 'phone' });
    expect(await s.tickets.get(u5?.id ?? 0)).toMatchObject({ unitRequest: decided });
    expect((await s.tickets.events(u5?.id ?? 0)).at(-1)).toMatchObject({ kind: 'extension-approved', data: { days: 3 } });
  });
});
