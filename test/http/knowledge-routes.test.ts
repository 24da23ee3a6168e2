// The knowledge base over HTTP on the full app (real migrations, the shipped fixtures as seed): an
// article's life through review by role (a unit writes and submits its own, a kb-editor approves,
// agents read only what is published and valid today), versions while the published one stays,
// conflicts, reminders, search pages, hostile queries, and the responsibility lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFacts } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

// 2026-12-05 10:00 China time.
const NOW = Date.UTC(2026, 11, 5, 2, 0, 0);
const draft = (over: Record<string, unknown> = {}) => ({
  title: '老旧小区加装电梯补贴申请指南',
  body: '既有住宅加装电梯，经本单元业主同意后可申请市级补贴，每台最高20万元。申请材料包括业主意见书、设计方案和施工合同。',
  kind: 'guide',
  categoryCode: '0106',
  sourceDocument: '《既有住宅加装电梯管理办法》',
  sourceNumber: '市建发〔2026〕8号',
  ownerUnit: 'housing-bureau',
  validFrom: '2026-01-01',
  validTo: null,
  reviewDue: '2027-06-30',
  ...over,
});

describe('the knowledge routes', () => {
  let http: HttpTestApp;
  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => NOW });
  });
  afterAll(() => http.close());

  const codeOf = (reply: { json(): { error?: { code?: string } } }) => reply.json().error?.code;

  it('takes an article from a unit draft through review to what agents read, and keeps the published version while a new one is reviewed', async () => {
    const created = await http.as('housing')({ method: 'POST', url: '/api/knowledge/articles', payload: draft() });
    expect(created.statusCode).toBe(201);
    const { id, version, status } = created.json().article;
    expect([version, status]).toEqual([1, 'draft']);
    // Not yet published: agents do not find it, by id or by search.
    expect((await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles/${id}` })).statusCode).toBe(404);
    const unitApprove = await http.as('housing')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 1, step: 'approve' } });
    expect([unitApprove.statusCode, codeOf(unitApprove)]).toEqual([403, 'AUTH_FORBIDDEN']);
    expect((await http.as('housing')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 1, step: 'submit' } })).json().article.status).toBe('in-review');
    // In review: no longer editable in place.
    const late = await http.as('housing')({ method: 'PUT', url: `/api/knowledge/articles/${id}/versions/1`, payload: draft({ title: '改' }) });
    expect([late.statusCode, codeOf(late)]).toEqual([409, 'KNOWLEDGE_STEP_INVALID']);
    const approved = await http.as('editor')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 1, step: 'approve', note: '已核对文号' } });
    expect(approved.json().article).toMatchObject({ status: 'published', version: 1 });
    const found = await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles?q=${encodeURIComponent('加装电梯补贴')}` });
    expect(found.json().items.map((item: { id: number }) => item.id)).toContain(id);

    const v2 = await http.as('housing')({ method: 'POST', url: `/api/knowledge/articles/${id}/versions`, payload: draft({ body: '补贴标准调整为每台最高25万元。' }) });
    expect([v2.statusCode, v2.json().article.version, v2.json().article.status]).toEqual([201, 2, 'draft']);
    const twice = await http.as('housing')({ method: 'POST', url: `/api/knowledge/articles/${id}/versions`, payload: draft() });
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'KNOWLEDGE_VERSION_OPEN']);
    // Agents still read version 1; the editor sees the draft and the whole history.
    expect((await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles/${id}` })).json().article).toMatchObject({ version: 1, status: 'published' });
    expect((await http.as('editor')({ method: 'GET', url: `/api/knowledge/articles/${id}` })).json().article.versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['2:draft', '1:published']);

    await http.as('housing')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 2, step: 'submit' } });
    await http.as('editor')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 2, step: 'approve' } });
    const read = (await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles/${id}` })).json().article;
    expect([read.version, read.body]).toEqual([2, '补贴标准调整为每台最高25万元。']);
    const history = (await http.as('editor')({ method: 'GET', url: `/api/knowledge/articles/${id}` })).json().article.versions;
    expect(history.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['2:published', '1:superseded']);

    // Each step is audited with who did it.
    const audit = await http.as('qa')({ method: 'GET', url: `/api/audit?object=${encodeURIComponent(`knowledge:${id}`)}&action=knowledge.approve&result=ok` });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().entries.map((e: { actor: string; action: string }) => `${e.actor} ${e.action}`)).toEqual(['editor knowledge.approve', 'editor knowledge.approve']);
  });

  it('refuses a unit writing another unit\'s article, or giving its own away, and a stale step', async () => {
    const urban = await http.as('urban')({ method: 'POST', url: '/api/knowledge/articles', payload: draft({ ownerUnit: 'urban-management', categoryCode: '0101', title: '违法建设举报须知' }) });
    const id = urban.json().article.id;
    const other = await http.as('housing')({ method: 'PUT', url: `/api/knowledge/articles/${id}/versions/1`, payload: draft({ ownerUnit: 'urban-management' }) });
    expect([other.statusCode, codeOf(other)]).toEqual([403, 'KNOWLEDGE_NOT_YOURS']);
    const away = await http.as('urban')({ method: 'PUT', url: `/api/knowledge/articles/${id}/versions/1`, payload: draft({ ownerUnit: 'housing-bureau' }) });
    expect([away.statusCode, codeOf(away)]).toEqual([403, 'KNOWLEDGE_NOT_YOURS']);
    const agent = await http.as('8001')({ method: 'POST', url: '/api/knowledge/articles', payload: draft() });
    expect([agent.statusCode, codeOf(agent)]).toEqual([403, 'AUTH_FORBIDDEN']);
    await http.as('urban')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 1, step: 'submit' } });
    const stale = await http.as('urban')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 1, step: 'submit' } });
    expect([stale.statusCode, codeOf(stale)]).toEqual([409, 'KNOWLEDGE_STEP_INVALID']);
    const missing = await http.as('editor')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 7, step: 'approve' } });
    expect([missing.statusCode, codeOf(missing)]).toEqual([404, 'KNOWLEDGE_VERSION_NOT_FOUND']);
  });

  it('sends a rejected version back to its writer as a draft, and withdraws a published one from the agents', async () => {
    const step = (who: string, id: number, version: number, name: string) => http.as(who)({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version, step: name, note: name === 'reject' ? '文号有误' : null } });
    const id = (await http.as('dongcheng')({ method: 'POST', url: '/api/knowledge/articles', payload: draft({ ownerUnit: 'dongcheng-subdistrict', categoryCode: '2001', title: '邻里纠纷调解预约' }) })).json().article.id;
    await step('dongcheng', id, 1, 'submit');
    const rejected = (await step('editor', id, 1, 'reject')).json().article;
    expect([rejected.status, rejected.versions[0].note]).toEqual(['draft', '文号有误']);
    const fixed = await http.as('dongcheng')({ method: 'PUT', url: `/api/knowledge/articles/${id}/versions/1`, payload: draft({ ownerUnit: 'dongcheng-subdistrict', categoryCode: '2001', title: '邻里纠纷调解预约', sourceNumber: '东街发〔2026〕3号' }) });
    expect(fixed.json().article).toMatchObject({ status: 'draft', sourceNumber: '东街发〔2026〕3号' });
    await step('dongcheng', id, 1, 'submit');
    await step('editor', id, 1, 'approve');
    expect((await http.as('8002')({ method: 'GET', url: `/api/knowledge/articles/${id}` })).statusCode).toBe(200);
    const unitWithdraw = await step('dongcheng', id, 1, 'withdraw');
    expect([unitWithdraw.statusCode, codeOf(unitWithdraw)]).toEqual([403, 'AUTH_FORBIDDEN']);
    expect((await step('editor', id, 1, 'withdraw')).json().article.status).toBe('expired');
    expect((await http.as('8002')({ method: 'GET', url: `/api/knowledge/articles/${id}` })).statusCode).toBe(404);
    // An expired article is renewed by a new version.
    expect((await http.as('dongcheng')({ method: 'POST', url: `/api/knowledge/articles/${id}/versions`, payload: draft({ ownerUnit: 'dongcheng-subdistrict', categoryCode: '2001' }) })).json().article).toMatchObject({ version: 2, status: 'draft' });
  });

  it('checks the fields against the taxonomy, the units and the calendar', async () => {
    for (const [over, code] of [
      [{ categoryCode: '9999' }, 'KNOWLEDGE_CATEGORY_UNKNOWN'],
      [{ alsoCategories: ['0101', '9998'] }, 'KNOWLEDGE_CATEGORY_UNKNOWN'],
      [{ ownerUnit: 'no-such-unit' }, 'KNOWLEDGE_UNIT_UNKNOWN'],
      [{ validFrom: '2026-02-30' }, 'KNOWLEDGE_VALIDITY_INVALID'],
      [{ validFrom: '2026-05-01', validTo: '2026-04-30' }, 'KNOWLEDGE_VALIDITY_INVALID'],
    ] as const) {
      const reply = await http.as('editor')({ method: 'POST', url: '/api/knowledge/articles', payload: draft(over) });
      expect([reply.statusCode, codeOf(reply)], JSON.stringify(over)).toEqual([400, code]);
    }
  });

  it('hides from agents what is not valid today, and reminds the owner of it', async () => {
    const write = async (over: Record<string, unknown>) => {
      const id = (await http.as('editor')({ method: 'POST', url: '/api/knowledge/articles', payload: draft(over) })).json().article.id;
      await http.as('editor')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 1, step: 'submit' } });
      await http.as('editor')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: 1, step: 'approve' } });
      return id as number;
    };
    const future = await write({ title: '明年起施行的补贴', validFrom: '2027-01-01' });
    const soon = await write({ title: '月底到期的补贴', validFrom: '2026-01-01', validTo: '2026-12-20' });
    expect((await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles/${future}` })).statusCode).toBe(404);
    expect((await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles/${soon}` })).statusCode).toBe(200);
    const items: { article: { id: number }; flag: string }[] = (await http.as('housing')({ method: 'GET', url: '/api/knowledge/reminders' })).json().items;
    expect(items.filter((item) => [future, soon].includes(item.article.id)).map((item) => `${item.article.id}:${item.flag}`).sort()).toEqual([`${future}:not-yet-valid`, `${soon}:expires-soon`].sort());
    // Another unit is not reminded of the housing bureau's articles.
    const urban: { article: { ownerUnit: string } }[] = (await http.as('urban')({ method: 'GET', url: '/api/knowledge/reminders' })).json().items;
    expect(urban.every((item) => item.article.ownerUnit === 'urban-management')).toBe(true);
  });

  it('refuses an agent asking for drafts, and lets an editor list them', async () => {
    await http.as('housing')({ method: 'POST', url: '/api/knowledge/articles', payload: draft({ title: '尚在起草的物业费指南' }) });
    const agent = await http.as('8001')({ method: 'GET', url: '/api/knowledge/articles?status=draft' });
    expect([agent.statusCode, codeOf(agent)]).toEqual([403, 'AUTH_FORBIDDEN']);
    const drafts = (await http.as('editor')({ method: 'GET', url: '/api/knowledge/articles?status=draft&limit=50' })).json();
    expect(drafts.items.length).toBeGreaterThan(0);
    expect(drafts.items.every((item: { status: string }) => item.status === 'draft')).toBe(true);
    const own = (await http.as('housing')({ method: 'GET', url: '/api/knowledge/articles?status=draft&limit=50' })).json();
    expect(own.items.every((item: { ownerUnit: string }) => item.ownerUnit === 'housing-bureau')).toBe(true);
  });

  it('pages through the seeded articles without repeating one, and says where the last page ends', async () => {
    const seen: number[] = [];
    let offset: number | null = 0;
    let total = 0;
    while (offset !== null) {
      const page: { total: number; items: { id: number }[]; nextOffset: number | null } = (await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles?limit=7&offset=${offset}` })).json();
      total = page.total;
      seen.push(...page.items.map((item: { id: number }) => item.id));
      offset = page.nextOffset;
    }
    expect(total).toBeGreaterThan(7);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('answers hostile search text with results or a 400, never a 5xx', async () => {
    const texts = ['"', '""', '*', 'NEAR', 'NEAR(a b)', 'a OR b', 'title:物业', '(', ')', '-', '^', '物业*', '"物业', "' or 1=1 --", '\\', '%', '_', '\u3000', '🙂'.repeat(50), '物'.repeat(200), 'x'.repeat(201)];
    for (const q of texts) {
      const reply = await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles?q=${encodeURIComponent(q)}` });
      expect(reply.statusCode, q).toBeLessThan(500);
      if (reply.statusCode === 200) expect(Array.isArray(reply.json().items)).toBe(true);
    }
    const huge = await http.as('8001')({ method: 'GET', url: `/api/knowledge/articles?q=${'a'.repeat(100_000)}` });
    expect(huge.statusCode).toBeLessThan(500);
  });

  it('suggests to a screen pop only published articles valid on the day, the IVR words within the call\'s categories first', async () => {
    const finder = http.office.knowledge.finder;
    const byWords = await finder.suggest({ words: ['物业费'], categories: ['0201'], validOn: '2026-12-05', limit: 5 });
    expect(byWords.length).toBeGreaterThan(0);
    expect(byWords.length).toBeLessThanOrEqual(5);
    expect(byWords.every((a) => a.status === 'published' && (a.validFrom ?? '') <= '2026-12-05' && (a.validTo ?? '9999') >= '2026-12-05')).toBe(true);
    expect(new Set(byWords.map((a) => a.id)).size).toBe(byWords.length);
    expect(byWords[0]?.categoryCode).toBe('0201');
    // With no words, the categories alone still find articles; with neither, nothing.
    expect((await finder.suggest({ words: [], categories: ['0201'], validOn: '2026-12-05', limit: 3 })).length).toBeGreaterThan(0);
    expect(await finder.suggest({ words: [], categories: [], validOn: '2026-12-05', limit: 3 })).toEqual([]);
  });

  it('cites the responsibility entry in a ticket\'s dispatch suggestion', async () => {
    const facts = { queue: 'general', queuedAt: NOW - 60_000, agentId: '8001', agentAnsweredAt: NOW - 50_000, endedAt: NOW - 10_000 };
    const { ticket } = await http.tickets.closeCallWithTicket(callFacts('kb-dispatch', facts), NOW - 5_000);
    await http.tickets.update(ticket.id, null, { title: '小区物业不作为', description: '保洁一周没来，物业费照收', categoryCode: '0201', requestType: 'complaint' }, []);
    const suggestion = (await http.as('8001')({ method: 'GET', url: `/api/tickets/${ticket.id}/dispatch-suggestion` })).json().suggestion;
    expect(suggestion.main).toBe('housing-bureau');
    expect(suggestion.candidates[0].responsibility).toEqual({ id: 'housing-0201-01', matter: '物业服务纠纷', basis: '《物业管理条例》第五条' });
  });

  it('lists the responsibility entries a unit leads or assists on, and those a word finds', async () => {
    const housing = (await http.as('8001')({ method: 'GET', url: '/api/knowledge/responsibilities?unit=housing-bureau&limit=100' })).json().items;
    expect(housing.length).toBeGreaterThan(5);
    expect(housing.every((e: { leadUnit: string; assistingUnits: string[] }) => e.leadUnit === 'housing-bureau' || e.assistingUnits.includes('housing-bureau'))).toBe(true);
    const property = (await http.as('8001')({ method: 'GET', url: `/api/knowledge/responsibilities?q=${encodeURIComponent('物业')}` })).json().items;
    expect(property.map((e: { id: string }) => e.id)).toContain('housing-0201-01');
  });
});
