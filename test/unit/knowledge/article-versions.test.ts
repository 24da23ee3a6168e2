// The review state machine of an article's versions, and who may take which step: every step from
// every status, one open version at a time, approval superseding the published one, and a unit user
// writing only their own unit's articles and never reviewing.
import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/domain/auth/roles.js';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../../src/domain/knowledge/article.js';
import { editable, newestOf, nextVersion, planStep, publishedOf, STEPS, type ArticleStep } from '../../../src/domain/knowledge/article-versions.js';
import { mayAct, ownerScope } from '../../../src/domain/knowledge/knowledge-access.js';

const v = (version: number, status: ArticleStatus) => ({ version, status });
const user = (role: AuthUser['role'], unitId?: string): AuthUser => ({ id: role, name: role, role, agentId: null, duties: [], ...(unitId ? { unitId } : {}) });

describe('the version state machine', () => {
  it('allows each step only from its own status, for every status', () => {
    for (const step of Object.keys(STEPS) as ArticleStep[]) {
      for (const status of ARTICLE_STATUSES) {
        const plan = planStep([v(1, status)], 1, step);
        if (status === STEPS[step].from) expect(plan).toEqual({ ok: true, step: { version: 1, from: status, to: STEPS[step].to, supersedes: [] } });
        else expect(plan, `${step} from ${status}`).toEqual({ ok: false, code: 'KNOWLEDGE_STEP_INVALID' });
      }
    }
  });

  it('supersedes the published version when another is approved, and names a version never written', () => {
    const versions = [v(3, 'in-review'), v(2, 'published'), v(1, 'superseded')];
    expect(planStep(versions, 3, 'approve')).toEqual({ ok: true, step: { version: 3, from: 'in-review', to: 'published', supersedes: [2] } });
    expect(planStep(versions, 4, 'approve')).toEqual({ ok: false, code: 'KNOWLEDGE_VERSION_NOT_FOUND' });
  });

  it('opens a new version only when none is a draft or in review, numbered after the newest', () => {
    expect(nextVersion([v(2, 'published'), v(1, 'superseded')])).toEqual({ ok: true, version: 3 });
    expect(nextVersion([v(1, 'expired')])).toEqual({ ok: true, version: 2 });
    expect(nextVersion([v(2, 'draft'), v(1, 'published')])).toEqual({ ok: false, code: 'KNOWLEDGE_VERSION_OPEN' });
    expect(nextVersion([v(2, 'in-review'), v(1, 'published')])).toEqual({ ok: false, code: 'KNOWLEDGE_VERSION_OPEN' });
  });

  it('edits only a draft in place', () => {
    expect(editable([v(2, 'draft'), v(1, 'published')], 2)).toEqual({ ok: true });
    expect(editable([v(2, 'draft'), v(1, 'published')], 1)).toEqual({ ok: false, code: 'KNOWLEDGE_STEP_INVALID' });
    expect(editable([v(1, 'published')], 5)).toEqual({ ok: false, code: 'KNOWLEDGE_VERSION_NOT_FOUND' });
  });

  it('shows agents the published version and editors the newest', () => {
    const versions = [v(1, 'superseded'), v(3, 'draft'), v(2, 'published')];
    expect(publishedOf(versions)?.version).toBe(2);
    expect(newestOf(versions)?.version).toBe(3);
    expect(publishedOf([v(1, 'draft')])).toBeUndefined();
  });
});

describe('who may do which step', () => {
  const acts = ['write', 'submit', 'approve', 'reject', 'withdraw'] as const;
  const allowed = (u: AuthUser, owner: string | null) => acts.filter((act) => mayAct(u, act, owner));

  it('lets a kb-editor and an admin do everything on any article', () => {
    for (const u of [user('kb-editor'), user('admin')]) {
      expect(allowed(u, 'housing-bureau')).toEqual([...acts]);
      expect(allowed(u, null)).toEqual([...acts]);
    }
  });

  it('lets a unit user write and submit their own unit\'s articles only, and never review', () => {
    const housing = user('unit', 'housing-bureau');
    expect(allowed(housing, 'housing-bureau')).toEqual(['write', 'submit']);
    expect(allowed(housing, 'urban-management')).toEqual([]);
    expect(allowed(housing, null)).toEqual([]);
    expect(ownerScope(housing)).toBe('housing-bureau');
  });

  it('lets agents, supervisors and QA only read', () => {
    for (const role of ['agent', 'supervisor', 'qa'] as const) expect(allowed(user(role), 'housing-bureau')).toEqual([]);
  });
});
