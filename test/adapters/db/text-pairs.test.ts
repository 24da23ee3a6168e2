// The tokens of SQLite's index of character pairs: one per pair of neighbouring code points, ASCII
// letters folded as LIKE folds them and nothing else, pairs never spanning two fields.
import { describe, expect, it } from 'vitest';
import { pairToken, textPairs } from '../../../src/adapters/db/text-pairs.js';

const tokens = (...fields: unknown[]): string[] => textPairs(...fields).split(' ').filter((token) => token !== '');

describe('the pair tokens of ticket text', () => {
  it('writes a pair as the hex of its two code points, six digits each', () => {
    expect(pairToken('停车')).toBe('00505c008f66');
    expect(pairToken('😀!')).toBe('01f600000021');
  });

  it('gives each distinct pair of a field once, and no pair across two fields', () => {
    expect(tokens('停车停车', '场')).toEqual([pairToken('停车'), pairToken('车停')]);
    expect(tokens('停', '车')).toEqual([]);
    expect(tokens(null, '', 'ab', 42)).toEqual([pairToken('ab')]);
  });

  it('folds ASCII capitals only, as LIKE does', () => {
    expect(pairToken('AB')).toBe(pairToken('ab'));
    expect(tokens('X-Y')).toEqual([pairToken('x-'), pairToken('-y')]);
    expect(pairToken('ÉÉ')).not.toBe(pairToken('éé'));
  });

  it('makes every token one plain alphanumeric word, whatever the characters', () => {
    for (const token of tokens('"*NEAR%_\\\'😀 ')) expect(token).toMatch(/^[0-9a-f]{12}$/);
  });
});
