// Two servers sharing one database (SQLite file or PostgreSQL), each with its own knowledge index:
// the store is seeded once, and an article one server publishes reaches the other's agents once the
// other reads the changes since its watermark; a version expired by one is gone from the other's
// agent search too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCategories } from '../../../src/adapters/tickets/category-file.js';
import { loadDataFile } from '../../../src/adapters/files/data-file.js';
import { startKnowledge, type Knowledge } from '../../../src/boot/knowledge.js';
import type { AuthUser } from '../../../src/domain/auth/roles.js';
import { NO_RESPONSIBILITIES } from '../../../src/domain/knowledge/responsibility-list.js';
import { parseDispatchRules } from '../../../src/domain/tickets/dispatch-rules.js';
import { createLogger } from '../../../src/logging/logger.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const NOW = Date.UTC(2026, 11, 5, 2, 0, 0);
const taxonomy = loadCategories('fixtures/categories.yaml');
const dispatchRules = loadDataFile('fixtures/dispatch-rules.yaml', (raw) => parseDispatchRules(raw, taxonomy));
const editor: AuthUser = { id: 'editor', name: '编辑', role: 'kb-editor', agentId: null, duties: [] };
const agent: AuthUser = { id: '8001', name: '话务员', role: 'agent', agentId: '8001', duties: [] };
const fields = { title: '共有产权住房申购指南', body: '共有产权住房面向本市无房家庭，申购人须在本市连续缴纳社保满三年。', kind: 'guide' as const, categoryCode: '0205', sourceDocument: null, sourceNumber: null, ownerUnit: 'housing-bureau', validFrom: '2026-01-01', validTo: '2026-12-31', reviewDue: null, alsoCategories: [] };

describe.each(STORAGE_BACKENDS)('the knowledge base of two servers on $name', (backend) => {
  let stores: Record<'a' | 'b', ContractStores>;
  let now = NOW;
  const servers = {} as Record<'a' | 'b', Knowledge>;
  beforeAll(async () => {
    stores = await backend.openSharing('knowledge-cluster', { a: null, b: null });
    for (const name of ['a', 'b'] as const) {
      servers[name] = await startKnowledge(
        { knowledge: { seed: { kind: 'fixtures' }, refreshMs: 60_000, responsibilitiesFile: '' } },
        { store: stores[name].knowledge, audit: stores[name].audit, taxonomy, dispatchRules, responsibilities: NO_RESPONSIBILITIES, now: () => now, logger: createLogger('silent'), shared: () => name === 'a' },
      );
    }
  }, 60_000);
  afterAll(async () => {
    for (const name of ['a', 'b'] as const) {
      servers[name]?.stop();
      await stores?.[name].close();
    }
  });

  const found = async (name: 'a' | 'b', q: string) => {
    const page = await servers[name].finder.search({ q }, agent);
    if (!page.ok) throw new Error(page.code);
    return page.value.items.map((item) => item.title);
  };

  it('is seeded once, by whichever server starts first', async () => {
    expect(servers.a.mirror.articles().size).toBeGreaterThan(10);
    expect(servers.b.mirror.articles().size).toBe(servers.a.mirror.articles().size);
    expect(await stores.a.knowledge.count()).toBe(servers.a.mirror.articles().size);
  });

  it("shows one server's published article to the other's agents once it reads the changes", async () => {
    const created = await servers.a.service.create(fields, editor, null);
    if (!created.ok) throw new Error(created.code);
    const id = created.value.id;
    for (const step of ['submit', 'approve'] as const) expect((await servers.a.service.step(id, 1, step, editor, null)).ok).toBe(true);
    expect(await found('a', '共有产权住房')).toContain(fields.title);
    expect(await found('b', '共有产权住房')).not.toContain(fields.title);
    await servers.b.mirror.refresh();
    expect(await found('b', '共有产权住房')).toContain(fields.title);
  });

  it("hides it from both once its validity has passed and the back-office server expired it", async () => {
    now = Date.UTC(2027, 0, 2, 2, 0, 0);
    expect(await found('b', '共有产权住房')).not.toContain(fields.title);
    expect(await servers.a.service.expirePast()).toBeGreaterThan(0);
    await servers.b.mirror.refresh();
    const versions = [...servers.b.mirror.articles().values()].find((v) => v[0]?.title === fields.title);
    expect(versions?.[0]?.status).toBe('expired');
  });
});
