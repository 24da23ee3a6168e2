// Who may do what to an article, beyond the route's door (the permission table): a kb-editor and an
// admin do everything; a unit user writes and submits the articles their unit owns, and never
// approves, rejects or withdraws (review is the hotline's); everyone else only reads.
import type { AuthUser } from '../auth/roles.js';
import type { ArticleStep } from './article-versions.js';

export type KnowledgeAct = 'write' | ArticleStep;

/** Reviewers: whoever approves, rejects and withdraws. */
export function reviews(user: Pick<AuthUser, 'role'>): boolean {
  return user.role === 'kb-editor' || user.role === 'admin';
}

/** Editors: whoever reads drafts, versions under review and expired ones (their own unit's, for a unit user). */
export function edits(user: Pick<AuthUser, 'role'>): boolean {
  return reviews(user) || user.role === 'unit';
}

/** The article is the user's unit's. */
export function ownsArticle(user: Pick<AuthUser, 'role' | 'unitId'>, ownerUnit: string | null): boolean {
  return user.role === 'unit' && user.unitId !== undefined && ownerUnit === user.unitId;
}

export function mayAct(user: Pick<AuthUser, 'role' | 'unitId'>, act: KnowledgeAct, ownerUnit: string | null): boolean {
  if (reviews(user)) return true;
  return (act === 'write' || act === 'submit') && ownsArticle(user, ownerUnit);
}

/** Which owner's articles an editor's list is limited to: a unit user sees only their own unit's outside what agents read. */
export function ownerScope(user: Pick<AuthUser, 'role' | 'unitId'>): string | null {
  return user.role === 'unit' ? (user.unitId ?? '') : null;
}
