// Articles written as data (fixtures/knowledge/articles.yaml) for the demo and the tests: the fields an
// editor writes, plus a stable `key` so golden queries and seeds can name an article before it has an id.
// Checked here once from plain data; every problem comes back with its path.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';
import { ARTICLE_KINDS, type ArticleFields, type ArticleKind } from './article.js';

// The kinds are the articles' own; a seed article is what an editor writes, plus its key.
export const SEED_ARTICLE_KINDS = ARTICLE_KINDS;
export type SeedArticleKind = ArticleKind;

export interface SeedArticle extends ArticleFields {
  readonly key: string;
}

type Obj = Readonly<Record<string, unknown>>;

const FIELDS = ['key', 'title', 'body', 'kind', 'categoryCode', 'sourceDocument', 'sourceNumber', 'ownerUnit', 'validFrom', 'validTo', 'reviewDue', 'alsoCategories'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SUBCATEGORY = /^\d{4}$/;
const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseSeedArticles(raw: unknown): ParseResult<readonly SeedArticle[]> {
  const r = new FieldReader('KNOWLEDGE_ARTICLE');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['articles']);
  const keys = new Set<string>();
  const articles = r.list(top.articles, 'articles').flatMap((item, i) => {
    const article = readArticle(r, item, join('articles', i), keys);
    return article ? [article] : [];
  });
  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, value: articles };
}

function readArticle(r: FieldReader, raw: unknown, path: string, keys: Set<string>): SeedArticle | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, FIELDS);
  const key = r.string(o, 'key', path);
  if (key !== '' && !KEY.test(key)) r.fail('INVALID_KEY', join(path, 'key'), `'${key}' is not a key (a-z, 0-9, -)`);
  if (keys.has(key)) r.fail('DUPLICATE_KEY', join(path, 'key'), `key '${key}' is used twice`);
  keys.add(key);
  const kind = r.string(o, 'kind', path);
  if (kind !== '' && !isKind(kind)) r.fail('INVALID_FIELD', join(path, 'kind'), `kind is one of ${SEED_ARTICLE_KINDS.join(', ')}`);
  const article: SeedArticle = {
    key,
    title: limited(r, r.string(o, 'title', path), 200, join(path, 'title')),
    body: limited(r, r.string(o, 'body', path), 20000, join(path, 'body')),
    kind: isKind(kind) ? kind : 'faq',
    categoryCode: optional(r, o, 'categoryCode', path, SUBCATEGORY),
    sourceDocument: optional(r, o, 'sourceDocument', path),
    sourceNumber: optional(r, o, 'sourceNumber', path),
    ownerUnit: optional(r, o, 'ownerUnit', path, /^[A-Za-z0-9_-]{1,64}$/),
    validFrom: optional(r, o, 'validFrom', path, DAY),
    validTo: optional(r, o, 'validTo', path, DAY),
    reviewDue: optional(r, o, 'reviewDue', path, DAY),
    alsoCategories: r.strings(o, 'alsoCategories', path, []),
  };
  for (const code of article.alsoCategories) if (!SUBCATEGORY.test(code)) r.fail('INVALID_FIELD', join(path, 'alsoCategories'), `'${code}' is not a subcategory`);
  if (article.validFrom && article.validTo && article.validFrom > article.validTo) r.fail('INVALID_VALIDITY', join(path, 'validTo'), 'validTo is before validFrom');
  return article;
}

function isKind(kind: string): kind is SeedArticleKind {
  return (SEED_ARTICLE_KINDS as readonly string[]).includes(kind);
}

function limited(r: FieldReader, text: string, max: number, path: string): string {
  if (text.length > max) r.fail('INVALID_FIELD', path, `at most ${max} characters`);
  return text;
}

function optional(r: FieldReader, o: Obj, key: string, path: string, pattern?: RegExp): string | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  // YAML reads an unquoted 2026-01-01 as a string here (the loader keeps the core schema), digits as numbers.
  if (typeof value !== 'string' || value.trim() === '' || (pattern && !pattern.test(value))) {
    r.fail('INVALID_FIELD', join(path, key), pattern ? `expected text of the form ${pattern.source}` : 'expected non-empty text');
    return null;
  }
  return limited(r, value, 200, join(path, key));
}
