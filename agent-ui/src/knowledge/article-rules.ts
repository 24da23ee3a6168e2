// What the knowledge page offers on an article: the edits and review steps a user's role allows on its
// newest version, and the date flags of a row. Pure, so the unit tests read them without a browser;
// the server checks every step again.
import type { ArticleFlag, ArticleStatus } from '../api-types.js';
import { addDays } from '../days.js';

export type ArticleAction = 'edit' | 'submit' | 'approve' | 'reject' | 'withdraw' | 'revise';
export type ArticleStep = 'submit' | 'approve' | 'reject' | 'withdraw';

/** Who is editing: the signed-in user's role and, for a unit user, the unit they sign in for. */
export interface ArticleEditor {
  readonly role: string;
  readonly unitId?: string | undefined;
}

/** The newest version of an article and whose it is. */
export interface ArticleState {
  readonly status: ArticleStatus | string;
  readonly ownerUnit: string | null;
}

/** Knowledge editors review and publish; an admin may do anything. */
export function isReviewer(editor: ArticleEditor): boolean {
  return editor.role === 'kb-editor' || editor.role === 'admin';
}

/** A unit user edits only the articles its own unit owns. */
export function mayEdit(editor: ArticleEditor, ownerUnit: string | null): boolean {
  if (isReviewer(editor)) return true;
  return editor.role === 'unit' && editor.unitId !== undefined && ownerUnit === editor.unitId;
}

/** The owner an editor's list and new articles are fixed to: a unit user's own unit, else none. */
export function fixedOwner(editor: ArticleEditor): string | null {
  return editor.role === 'unit' ? (editor.unitId ?? null) : null;
}

/**
 * The buttons shown for the article's newest version: a draft is edited and submitted; a version in
 * review is approved or sent back by a reviewer only; a published one is revised as a new version (the
 * published one stays what agents read) or withdrawn by a reviewer; an expired one may be revised.
 */
export function actionsFor(editor: ArticleEditor, article: ArticleState): ArticleAction[] {
  if (!mayEdit(editor, article.ownerUnit)) return [];
  const reviewer = isReviewer(editor);
  switch (article.status) {
    case 'draft':
      return ['edit', 'submit'];
    case 'in-review':
      return reviewer ? ['approve', 'reject'] : [];
    case 'published':
      return reviewer ? ['revise', 'withdraw'] : ['revise'];
    case 'expired':
      return ['revise'];
    default:
      return [];
  }
}

/** The review steps among the actions (sent to POST …/steps); the others open the form. */
export function isStep(action: ArticleAction): action is ArticleStep {
  return action === 'submit' || action === 'approve' || action === 'reject' || action === 'withdraw';
}

/** A step that must say why: sending a version back tells its editor what to change. */
export function needsNote(action: ArticleAction): boolean {
  return action === 'reject';
}

/** How soon an expiry is worth a reminder. */
export const EXPIRES_SOON_DAYS = 30;

/**
 * An article's date flags on the China calendar day `today`, as the server's reminders name them: past
 * its valid-to day, before its valid-from day, at or past its review day, or expiring within 30 days.
 */
export function articleFlags(dates: { readonly validFrom: string | null; readonly validTo: string | null; readonly reviewDue: string | null }, today: string): ArticleFlag[] {
  const flags: ArticleFlag[] = [];
  const expired = dates.validTo !== null && dates.validTo < today;
  if (expired) flags.push('expired');
  if (dates.validFrom !== null && dates.validFrom > today) flags.push('not-yet-valid');
  if (dates.reviewDue !== null && dates.reviewDue <= today) flags.push('review-due');
  if (!expired && dates.validTo !== null && dates.validTo <= addDays(today, EXPIRES_SOON_DAYS)) flags.push('expires-soon');
  return flags;
}

/** A flag's colour: red when agents no longer get the article, yellow when it needs a look soon, grey while it waits for its day. */
export function flagColour(flag: ArticleFlag | string): 'red' | 'yellow' | 'grey' {
  if (flag === 'expired') return 'red';
  if (flag === 'not-yet-valid') return 'grey';
  return 'yellow';
}

/** The validity as one line: "from ~ to", an open end shown as a dash. */
export function validityText(validFrom: string | null, validTo: string | null): string {
  return `${validFrom ?? '–'} ~ ${validTo ?? '–'}`;
}
