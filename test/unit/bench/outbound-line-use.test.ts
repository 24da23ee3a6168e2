import { describe, expect, it } from 'vitest';
import { lineUse } from '../../../bench/outbound-pbx.js';

describe('the outbound benchmark’s line count from attempt rows', () => {
  it('finds the most lines at once and the free line time before the last dial', () => {
    // Two lines: a and b from 0, a ends at 10 and c starts at 12 (2 ms of one line free), b ends at 20.
    const spans = [
      { from: 0, to: 10 },
      { from: 0, to: 20 },
      { from: 12, to: 30 },
    ];
    expect(lineUse(spans, 2)).toEqual({ most: 2, idleMs: 2 });
  });

  it('counts a call ending as the next one starts as no overlap', () => {
    expect(lineUse([{ from: 0, to: 5 }, { from: 5, to: 9 }], 1)).toEqual({ most: 1, idleMs: 0 });
  });
});
