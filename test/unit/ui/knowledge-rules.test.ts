// The knowledge page's rules without a browser: which buttons a role gets on an article's newest
// version, the date flags of a row and their colours, and the edit form's fields as the body sent.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../agent-ui/src/days.js';
import { actionsFor, articleFlags, fixedOwner, flagColour, mayEdit } from '../../../agent-ui/src/knowledge/article-rules.js';
import { formValues, parseCodes, writeBody } from '../../../agent-ui/src/knowledge/article-write.js';
import { ArticleWriteBody, type ArticleDetail } from '../../../src/contract/api/knowledge.js';
import { Value } from '@sinclair/typebox/value';

const editor = { role: 'kb-editor' };
const housing = { role: 'unit', unitId: 'housing-bureau' };
const admin = { role: 'admin' };
const own = (status: string) => ({ status, ownerUnit: 'housing-bureau' });

describe('the buttons on an article', () => {
  it('a knowledge editor edits and submits a draft, approves or sends back one in review, revises or withdraws a published one', () => {
    expect(actionsFor(editor, own('draft'))).toEqual(['edit', 'submit']);
    expect(actionsFor(editor, own('in-review'))).toEqual(['approve', 'reject']);
    expect(actionsFor(editor, own('published'))).toEqual(['revise', 'withdraw']);
    expect(actionsFor(editor, own('expired'))).toEqual(['revise']);
    expect(actionsFor(editor, own('superseded'))).toEqual([]);
    expect(actionsFor(admin, own('in-review'))).toEqual(['approve', 'reject']);
  });

  it('a unit edits and submits its own drafts and revises its published articles, but never approves, sends back or withdraws', () => {
    expect(actionsFor(housing, own('draft'))).toEqual(['edit', 'submit']);
    expect(actionsFor(housing, own('in-review'))).toEqual([]);
    expect(actionsFor(housing, own('published'))).toEqual(['revise']);
  });

  it('a unit gets nothing on another unit’s article or one nobody owns; an editor on any', () => {
    for (const status of ['draft', 'in-review', 'published', 'expired']) {
      expect(actionsFor(housing, { status, ownerUnit: 'urban-management' }), status).toEqual([]);
      expect(actionsFor(housing, { status, ownerUnit: null }), status).toEqual([]);
    }
    expect(mayEdit(editor, null)).toBe(true);
    expect(mayEdit({ role: 'unit' }, null)).toBe(false);
    expect(mayEdit({ role: 'agent' }, 'housing-bureau')).toBe(false);
  });

  it('fixes the owner to a unit user’s own unit, and leaves it open for an editor', () => {
    expect(fixedOwner(housing)).toBe('housing-bureau');
    expect(fixedOwner(editor)).toBeNull();
  });
});

describe('the date flags of a row', () => {
  const today = '2026-12-05';
  const dates = (validFrom: string | null, validTo: string | null, reviewDue: string | null = null) => ({ validFrom, validTo, reviewDue });

  it('expired after its valid-to day, not on it', () => {
    expect(articleFlags(dates(null, '2026-12-04'), today)).toEqual(['expired']);
    expect(articleFlags(dates(null, today), today)).toEqual(['expires-soon']);
  });

  it('not yet valid before its valid-from day', () => {
    expect(articleFlags(dates('2026-12-06', null), today)).toEqual(['not-yet-valid']);
    expect(articleFlags(dates(today, null), today)).toEqual([]);
  });

  it('review due on and after its review day', () => {
    expect(articleFlags(dates(null, null, today), today)).toEqual(['review-due']);
    expect(articleFlags(dates(null, null, '2026-12-06'), today)).toEqual([]);
  });

  it('expires soon within 30 days, across a month and a year', () => {
    expect(addDays(today, 30)).toBe('2027-01-04');
    expect(articleFlags(dates(null, '2027-01-04'), today)).toEqual(['expires-soon']);
    expect(articleFlags(dates(null, '2027-01-05'), today)).toEqual([]);
    expect(articleFlags(dates(null, null), today)).toEqual([]);
  });

  it('names every reason at once', () => {
    expect(articleFlags(dates('2026-12-10', '2026-12-01', '2026-11-01'), today)).toEqual(['expired', 'not-yet-valid', 'review-due']);
  });

  it('colours: red once agents no longer get it, grey while it waits, yellow when it needs a look', () => {
    expect(['expired', 'not-yet-valid', 'review-due', 'expires-soon'].map(flagColour)).toEqual(['red', 'grey', 'yellow', 'yellow']);
  });
});

describe('the edit form’s fields as the body sent', () => {
  const typed = { ...formValues(null, 'housing-bureau'), title: ' 公租房申请条件 ', body: '本市户籍…', kind: 'policy', categoryCode: '0201', alsoCategories: '0203，0204, 0203', validTo: '2027-06-30' };

  it('turns empty fields into null, trims the title, reads the other categories once each', () => {
    const body = writeBody(typed);
    expect(body).toEqual({ title: '公租房申请条件', body: '本市户籍…', kind: 'policy', categoryCode: '0201', sourceDocument: null, sourceNumber: null, ownerUnit: 'housing-bureau', validFrom: null, validTo: '2027-06-30', reviewDue: null, alsoCategories: ['0203', '0204'], note: null });
    expect(Value.Check(ArticleWriteBody, body), JSON.stringify([...Value.Errors(ArticleWriteBody, body)])).toBe(true);
    expect(parseCodes(' ')).toEqual([]);
  });

  it('fills the form from an article; a unit user’s owner stays its own', () => {
    const article = { title: 'T', body: 'B', kind: 'faq', categoryCode: null, sourceDocument: '《条例》', sourceNumber: null, ownerUnit: 'urban-management', validFrom: '2026-01-01', validTo: null, reviewDue: null, alsoCategories: ['0301'] } as unknown as ArticleDetail;
    expect(formValues(article, null)).toMatchObject({ ownerUnit: 'urban-management', sourceDocument: '《条例》', categoryCode: '', alsoCategories: '0301', validFrom: '2026-01-01', note: '' });
    expect(formValues(article, 'housing-bureau').ownerUnit).toBe('housing-bureau');
  });
});
