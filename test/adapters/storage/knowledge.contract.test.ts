// The knowledge store on both databases: every version kept, a new version only while none is open
// and only once per number, draft edits and review steps conditional on the status they start from
// (two editors at once: one success, one conflict), approval superseding the published version, the
// changes read since a watermark, the expiry of versions past their valid-to day, and the seed that
// fills only an empty store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VersionAuthor } from '../../../src/app/ports/knowledge-records.js';
import type { ArticleFields } from '../../../src/domain/knowledge/article.js';
import { planStep } from '../../../src/domain/knowledge/article-versions.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const T0 = Date.UTC(2026, 11, 5, 2, 0, 0);
const by = (who: string, at: number, note: string | null = null): VersionAuthor => ({ by: who, at, note });
const fields = (title: string, over: Partial<ArticleFields> = {}): ArticleFields => ({
  title,
  body: `${title}的办理流程和所需材料。`,
  kind: 'guide',
  categoryCode: '0201',
  sourceDocument: '《物业管理条例》',
  sourceNumber: '国务院令第379号',
  ownerUnit: 'housing-bureau',
  validFrom: '2026-01-01',
  validTo: null,
  reviewDue: null,
  alsoCategories: ['0204'],
  ...over,
});

describe.each(STORAGE_BACKENDS)('the knowledge store on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('knowledge');
  });
  afterAll(() => s.close());

  const stepOf = async (id: number, version: number, step: 'submit' | 'approve' | 'reject' | 'withdraw') => {
    const plan = planStep(await s.knowledge.versions(id), version, step);
    if (!plan.ok) throw new Error(`${step} of ${id}/${version}: ${plan.code}`);
    return plan.step;
  };

  it('seeds only an empty store, in one go, every article published by seed', async () => {
    expect(await s.knowledge.seed([fields('公积金提取'), fields('物业费标准', { alsoCategories: [] })], by('seed', T0))).toBe(2);
    expect(await s.knowledge.seed([fields('不会写入')], by('seed', T0))).toBe(0);
    expect(await s.knowledge.count()).toBe(2);
    const all = await s.knowledge.changedSince(0);
    expect(all.map((row) => [row.title, row.version, row.status, row.editedBy])).toEqual([
      ['公积金提取', 1, 'published', 'seed'],
      ['物业费标准', 1, 'published', 'seed'],
    ]);
    expect(all[0]).toMatchObject({ alsoCategories: ['0204'], sourceNumber: '国务院令第379号', validFrom: '2026-01-01', validTo: null, updatedAt: T0 });
    // Articles created after the seed get the next ids (PostgreSQL's identity was advanced by the seed).
    const next = await s.knowledge.create(fields('新文章'), 'draft', by('editor', T0 + 1));
    expect(next.articleId).toBeGreaterThan(Math.max(...all.map((row) => row.articleId)));
  });

  it('keeps every version: a new one as a draft beside the published one, then approval supersedes the old', async () => {
    const created = await s.knowledge.create(fields('电梯维保'), 'draft', by('housing', T0 + 10));
    const id = created.articleId;
    await s.knowledge.step(id, await stepOf(id, 1, 'submit'), by('housing', T0 + 20));
    const approved = await s.knowledge.step(id, await stepOf(id, 1, 'approve'), by('editor', T0 + 30, '已核对'));
    expect(approved).toMatchObject({ ok: true, row: { status: 'published', note: '已核对', updatedAt: T0 + 30 } });
    const v2 = await s.knowledge.addVersion(id, 2, fields('电梯维保（2026年修订）'), by('housing', T0 + 40));
    expect(v2).toMatchObject({ ok: true, row: { version: 2, status: 'draft' } });
    // The same number a second time (another server's request racing this one) is a conflict.
    expect(await s.knowledge.addVersion(id, 2, fields('抢先的另一版'), by('editor', T0 + 41))).toEqual({ ok: false, code: 'KNOWLEDGE_VERSION_CONFLICT' });
    const edited = await s.knowledge.editDraft(id, 2, fields('电梯维保（修订稿）'), by('housing', T0 + 50));
    expect(edited).toMatchObject({ ok: true, row: { title: '电梯维保（修订稿）', editedAt: T0 + 50 } });
    await s.knowledge.step(id, await stepOf(id, 2, 'submit'), by('housing', T0 + 60));
    await s.knowledge.step(id, await stepOf(id, 2, 'approve'), by('editor', T0 + 70));
    expect((await s.knowledge.versions(id)).map((row) => [row.version, row.status, row.title])).toEqual([
      [2, 'published', '电梯维保（修订稿）'],
      [1, 'superseded', '电梯维保'],
    ]);
  });

  it('answers a conflict to the second of two steps from the same status, and to an edit of a version no longer a draft', async () => {
    const id = (await s.knowledge.create(fields('停车收费'), 'draft', by('urban', T0 + 100))).articleId;
    const submit = await stepOf(id, 1, 'submit');
    const [first, second] = await Promise.all([s.knowledge.step(id, submit, by('urban', T0 + 110)), s.knowledge.step(id, submit, by('editor', T0 + 111))]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(await s.knowledge.editDraft(id, 1, fields('改不了'), by('urban', T0 + 120))).toEqual({ ok: false, code: 'KNOWLEDGE_VERSION_CONFLICT' });
    const reject = await stepOf(id, 1, 'reject');
    const approve = await stepOf(id, 1, 'approve');
    const [rejected, approved] = await Promise.all([s.knowledge.step(id, reject, by('editor', T0 + 130)), s.knowledge.step(id, approve, by('admin', T0 + 131))]);
    expect([rejected.ok, approved.ok].filter(Boolean)).toHaveLength(1);
    expect((await s.knowledge.versions(id)).filter((row) => row.status === 'published').length).toBeLessThanOrEqual(1);
  });

  it('reads the versions changed since a watermark, a step included, and the given versions by key', async () => {
    const id = (await s.knowledge.create(fields('供暖温度'), 'draft', by('editor', T0 + 1_000))).articleId;
    await s.knowledge.step(id, await stepOf(id, 1, 'submit'), by('editor', T0 + 2_000));
    const changed = await s.knowledge.changedSince(T0 + 1_500);
    expect(changed.map((row) => [row.articleId, row.status, row.updatedAt])).toEqual([[id, 'in-review', T0 + 2_000]]);
    const keys = await s.knowledge.byKeys([{ id, version: 1 }, { id, version: 9 }, { id: 999_999, version: 1 }]);
    expect(keys.map((row) => [row.articleId, row.version])).toEqual([[id, 1]]);
    expect(await s.knowledge.byKeys([])).toEqual([]);
  });

  it('expires the published versions whose valid-to day has passed, and only those', async () => {
    const ending = (await s.knowledge.create(fields('临时补贴', { validTo: '2026-12-04' }), 'published', by('seed', T0))).articleId;
    const lastDay = (await s.knowledge.create(fields('今日到期', { validTo: '2026-12-05' }), 'published', by('seed', T0))).articleId;
    const draftPast = (await s.knowledge.create(fields('过期草稿', { validTo: '2026-01-01' }), 'draft', by('seed', T0))).articleId;
    const expired = await s.knowledge.expirePast('2026-12-05', T0 + 5_000);
    expect(expired.map((row) => row.articleId)).toEqual([ending]);
    expect((await s.knowledge.versions(ending))[0]).toMatchObject({ status: 'expired', updatedAt: T0 + 5_000 });
    expect((await s.knowledge.versions(lastDay))[0]?.status).toBe('published');
    expect((await s.knowledge.versions(draftPast))[0]?.status).toBe('draft');
    expect(await s.knowledge.expirePast('2026-12-05', T0 + 6_000)).toEqual([]);
  });
});
