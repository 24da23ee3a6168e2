// The synonym table of the knowledge search (fixtures/knowledge/synonyms.yaml): groups of words a
// caller and a document use for the same thing (社保 = 社会保险). Checked once from plain data; a word
// may belong to one group only, so expansion never chains from one group into another.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';
import { normaliseText } from './search/normalise-text.js';

export interface SynonymTable {
  readonly groups: readonly (readonly string[])[];
  /** Words a caller says around the matter (怎么办, 请问): searched with a low weight. */
  readonly fillers: readonly string[];
}

export function parseSynonyms(raw: unknown): ParseResult<SynonymTable> {
  const r = new FieldReader('KNOWLEDGE_SYNONYM');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['groups', 'fillers']);
  const seen = new Map<string, number>();
  const groups = r.list(top.groups, 'groups').map((item, i) => readGroup(r, item, join('groups', i), seen, i));
  if (groups.length === 0 && r.errors.length === 0) r.fail('MISSING_FIELD', 'groups', 'at least one group is needed');
  const fillers = r.strings(top, 'fillers', '', []).map((w) => normaliseText(w).trim());
  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, value: { groups, fillers } };
}

function readGroup(r: FieldReader, raw: unknown, path: string, seen: Map<string, number>, index: number): readonly string[] {
  const words = Array.isArray(raw) && raw.every((w) => typeof w === 'string') ? raw.map((w: string) => normaliseText(w).trim()) : null;
  if (!words || words.length < 2 || words.some((w) => w === '' || w.length > 20)) {
    r.fail('INVALID_FIELD', path, 'a group is a list of at least two words of 1 to 20 characters (quote a word of digits: "12345")');
    return [];
  }
  for (const word of words) {
    const other = seen.get(word);
    if (other !== undefined) r.fail('DUPLICATE_WORD', path, `'${word}' is already in groups[${other}]`);
    seen.set(word, index);
  }
  return words;
}

/** Every word of the table with the other words of its group. */
export function synonymLookup(table: SynonymTable): ReadonlyMap<string, readonly string[]> {
  return new Map(table.groups.flatMap((group) => group.map((word) => [word, group.filter((w) => w !== word)] as const)));
}

/** The user dictionary of hotline words (fixtures/knowledge/hotline-words.yaml): words the segmenter keeps whole. */
export function parseHotlineWords(raw: unknown): ParseResult<readonly string[]> {
  const r = new FieldReader('KNOWLEDGE_WORDS');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['words']);
  const words = r.strings(top, 'words', '');
  const bad = words.findIndex((w) => /\s/.test(w) || w.length > 20);
  if (bad >= 0) r.fail('INVALID_FIELD', join('words', bad), 'a word has no spaces and at most 20 characters');
  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, value: words.map((w) => normaliseText(w)) };
}
