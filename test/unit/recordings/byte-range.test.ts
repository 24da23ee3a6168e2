import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../../../src/domain/recordings/byte-range.js';

const SIZE = 1000;

describe('parseByteRange', () => {
  describe('whole file', () => {
    it.each([
      ['no header', undefined],
      ['bytes=-', 'bytes=-'],
      ['multi-range', 'bytes=0-1,5-6'],
      ['another unit', 'items=0-9'],
      ['no unit', '0-99'],
      ['no dash', 'bytes=100'],
      ['negative start', 'bytes=-5-10'],
      ['letters', 'bytes=a-b'],
      ['empty', ''],
      ['spaces inside', 'bytes= 0-99'],
      // RFC 9110 §14.1.1: a last position before the first makes the range invalid, and an invalid Range is ignored.
      ['end before start', 'bytes=500-499'],
      ['end before start, past the end', 'bytes=5000-1'],
    ])('%s → whole', (_label, header) => {
      expect(parseByteRange(header, SIZE)).toEqual({ kind: 'whole' });
    });
  });

  describe('one part', () => {
    it.each([
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, 999],
      ['bytes=-500', 500, 999],
      ['bytes=0-0', 0, 0],
      ['bytes=999-999', 999, 999],
      ['bytes=999-', 999, 999],
      ['bytes=900-5000', 900, 999],
      ['bytes=0-999', 0, 999],
      ['bytes=-1', 999, 999],
      ['bytes=-1000', 0, 999],
      ['bytes=-5000', 0, 999],
      ['  bytes=10-19  ', 10, 19],
    ] as const)('%s → %i..%i', (header, start, end) => {
      expect(parseByteRange(header, SIZE)).toEqual({ kind: 'part', start, end });
    });
  });

  describe('unsatisfiable', () => {
    it.each([
      ['start at size', 'bytes=1000-', SIZE],
      ['start beyond size', 'bytes=2000-3000', SIZE],
      ['suffix of zero', 'bytes=-0', SIZE],
      ['empty file, start 0', 'bytes=0-', 0],
      ['empty file, closed range', 'bytes=0-99', 0],
      ['empty file, suffix', 'bytes=-10', 0],
    ] as const)('%s (%s, size %i)', (_label, header, size) => {
      expect(parseByteRange(header, size)).toEqual({ kind: 'unsatisfiable' });
    });
  });

  it('an empty file without a range header is sent whole', () => {
    expect(parseByteRange(undefined, 0)).toEqual({ kind: 'whole' });
  });
});
