// The storage contract for the audit log and sign-in tokens, on both databases: the same calls give
// the same answers on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const t0 = Date.UTC(2026, 11, 3, 8, 0, 0);

describe.each(STORAGE_BACKENDS)('audit log and tokens on $name', (backend) => {
  let stores: ContractStores;
  beforeAll(async () => {
    stores = await backend.open('audit_tokens');
  });
  afterAll(() => stores.close());

  it('pages the audit log newest first, with cursors and every filter', async () => {
    for (let i = 0; i < 7; i += 1) {
      await stores.audit.write({ at: t0 + i, actor: i % 2 === 0 ? 'qa1' : 'sup1', role: 'qa', action: i < 5 ? 'recording.play' : 'ticket.update', target: `call:${i % 3}`, result: i === 6 ? 'denied' : 'ok', ...(i === 0 ? { detail: { reason: '复核', n: 1 } } : {}) });
    }
    const first = await stores.audit.page({ limit: 3 });
    expect(first?.rows.map((row) => row.at - t0)).toEqual([6, 5, 4]);
    const second = await stores.audit.page({ limit: 3, cursor: first?.nextCursor ?? '' });
    expect(second?.rows.map((row) => row.at - t0)).toEqual([3, 2, 1]);
    const third = await stores.audit.page({ limit: 3, cursor: second?.nextCursor ?? '' });
    expect(third).toMatchObject({ nextCursor: null });
    expect(third?.rows.map((row) => [row.at - t0, row.detail])).toEqual([[0, { reason: '复核', n: 1 }]]);
    const filtered = await stores.audit.page({ limit: 10, actor: 'qa1', action: 'recording.play', targets: ['call:0', 'call:1'], from: t0 + 1, to: t0 + 5 });
    expect(filtered?.rows.map((row) => row.at - t0)).toEqual([4]);
    expect((await stores.audit.page({ limit: 10, result: 'denied' }))?.rows).toHaveLength(1);
    expect(await stores.audit.page({ limit: 10, targets: [] })).toEqual({ rows: [], nextCursor: null });
    expect(await stores.audit.page({ limit: 10, cursor: 'not-ours' })).toBeNull();
  });

  it('verifies a token until it expires or is revoked, and purges the expired', async () => {
    const live = await stores.tokens.issue('agent-8001', 'agent', t0, 60_000);
    const revoked = await stores.tokens.issue('sup-1', 'supervisor', t0, 60_000);
    const short = await stores.tokens.issue('qa-1', 'qa', t0, 1_000);
    expect(await stores.tokens.verify(live.token, t0 + 59_999)).toEqual({ userId: 'agent-8001', role: 'agent', expiresAt: t0 + 60_000 });
    expect(await stores.tokens.verify(live.token, t0 + 60_000)).toBeNull();
    await stores.tokens.revoke(revoked.token, t0 + 10);
    expect(await stores.tokens.verify(revoked.token, t0 + 20)).toBeNull();
    expect(await stores.tokens.verify('never-issued', t0)).toBeNull();
    expect(await stores.tokens.purge(t0 + 2_000)).toBe(1);
    expect(await stores.tokens.verify(short.token, t0)).toBeNull();
    expect(await stores.tokens.verify(live.token, t0 + 1)).not.toBeNull();
  });
});
