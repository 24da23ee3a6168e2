// The review of an article's versions (知识审核) as a pure state machine: draft → in-review →
// published, review may send a version back to draft, and a published one may be withdrawn. At most
// one version of an article is open (draft or in review) at a time; approving one publishes it and
// supersedes the version agents read until then, which stays in the history.
import type { ArticleStatus } from './article.js';

export type ArticleStep = 'submit' | 'approve' | 'reject' | 'withdraw';

/** Where each step starts and where it leaves the version. */
export const STEPS: Readonly<Record<ArticleStep, { readonly from: ArticleStatus; readonly to: ArticleStatus }>> = {
  submit: { from: 'draft', to: 'in-review' },
  approve: { from: 'in-review', to: 'published' },
  reject: { from: 'in-review', to: 'draft' },
  withdraw: { from: 'published', to: 'expired' },
};

/** What the machine needs of each stored version of one article. */
export interface VersionState {
  readonly version: number;
  readonly status: ArticleStatus;
}

export type StepRefusal = 'KNOWLEDGE_VERSION_NOT_FOUND' | 'KNOWLEDGE_STEP_INVALID';

/** One version's move, and the published versions it supersedes (approve only). */
export interface PlannedStep {
  readonly version: number;
  readonly from: ArticleStatus;
  readonly to: ArticleStatus;
  readonly supersedes: readonly number[];
}

export type StepPlan = { readonly ok: true; readonly step: PlannedStep } | { readonly ok: false; readonly code: StepRefusal };

const OPEN: ReadonlySet<ArticleStatus> = new Set(['draft', 'in-review']);

export function isOpen(status: ArticleStatus): boolean {
  return OPEN.has(status);
}

/** The step on `version`, or why not: a version never written, or a step its status does not allow. */
export function planStep(versions: readonly VersionState[], version: number, step: ArticleStep): StepPlan {
  const target = versions.find((v) => v.version === version);
  if (!target) return { ok: false, code: 'KNOWLEDGE_VERSION_NOT_FOUND' };
  const { from, to } = STEPS[step];
  if (target.status !== from) return { ok: false, code: 'KNOWLEDGE_STEP_INVALID' };
  const supersedes = step === 'approve' ? versions.filter((v) => v.status === 'published').map((v) => v.version) : [];
  return { ok: true, step: { version, from, to, supersedes } };
}

/** A new version may start only when none is open; it is numbered after the newest. */
export function nextVersion(versions: readonly VersionState[]): { readonly ok: true; readonly version: number } | { readonly ok: false; readonly code: 'KNOWLEDGE_VERSION_OPEN' } {
  if (versions.some((v) => isOpen(v.status))) return { ok: false, code: 'KNOWLEDGE_VERSION_OPEN' };
  return { ok: true, version: Math.max(0, ...versions.map((v) => v.version)) + 1 };
}

/** Only a draft is edited in place; anything else is changed by a new version. */
export function editable(versions: readonly VersionState[], version: number): { readonly ok: true } | { readonly ok: false; readonly code: StepRefusal } {
  const target = versions.find((v) => v.version === version);
  if (!target) return { ok: false, code: 'KNOWLEDGE_VERSION_NOT_FOUND' };
  return target.status === 'draft' ? { ok: true } : { ok: false, code: 'KNOWLEDGE_STEP_INVALID' };
}

/** The version agents read: the published one, if any. */
export function publishedOf<V extends VersionState>(versions: readonly V[]): V | undefined {
  return versions.find((v) => v.status === 'published');
}

/** The newest version of any status: what editors see first. */
export function newestOf<V extends VersionState>(versions: readonly V[]): V | undefined {
  return versions.reduce<V | undefined>((best, v) => (best === undefined || v.version > best.version ? v : best), undefined);
}
