// The two-character index of the ticket text on SQLite: the SQL function its triggers call to turn
// the searched columns into tokens, one per pair of neighbouring characters, and the token a search
// of two characters asks for. FTS5's trigram tokenizer cannot find fewer than three characters, and
// unicode61 would split or drop punctuation and symbols; a pair written as the hex of its two code
// points is one plain alphanumeric token whatever the characters are (停车 → 00505c008f66).
import type Database from 'better-sqlite3';

/** The name the migration's triggers call; registered on every connection before migrations run. */
export const TEXT_PAIRS_FUNCTION = 'ticket_text_pairs';

// LIKE ignores the case of ASCII letters only, so the index folds exactly those and nothing else.
const foldAscii = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

const hexOf = (char: string): string => (char.codePointAt(0) ?? 0).toString(16).padStart(6, '0');

/** The token of two characters (code points) as the index holds it. */
export function pairToken(pair: string): string {
  return [...foldAscii(pair)].map(hexOf).join('');
}

/**
 * The distinct pair tokens of the given fields, space-separated. Pairs never span two fields, so a
 * search cannot be found across the end of the title and the start of the description.
 */
export function textPairs(...fields: readonly unknown[]): string {
  const tokens = new Set<string>();
  for (const field of fields) {
    if (typeof field !== 'string') continue;
    const chars = [...foldAscii(field)].map(hexOf);
    for (let i = 0; i + 1 < chars.length; i += 1) tokens.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...tokens].join(' ');
}

/** Every connection that may write tickets needs it: the triggers call it on each insert, update and delete. */
export function registerTextPairs(sqlite: Database.Database): void {
  sqlite.function(TEXT_PAIRS_FUNCTION, { deterministic: true, varargs: true }, (...fields: unknown[]) => textPairs(...fields));
}
