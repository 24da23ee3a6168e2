// Asterisk's time stamps read digit by digit agree with Date.parse on every form Asterisk writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ariTimestampMs } from '../../../src/adapters/ari/ari-time.js';

const viaDateParse = (text: string): number => Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

describe('ariTimestampMs', () => {
  it('reads what Asterisk 22 writes, with any offset', () => {
    expect(ariTimestampMs('2026-11-22T19:26:22.254+0000')).toBe(Date.parse('2026-11-22T19:26:22.254Z'));
    expect(ariTimestampMs('2026-11-23T03:26:22.254+0800')).toBe(Date.parse('2026-11-22T19:26:22.254Z'));
    expect(ariTimestampMs('2026-11-22T17:56:22.254-0130')).toBe(Date.parse('2026-11-22T19:26:22.254Z'));
    expect(ariTimestampMs('2026-11-22T19:26:22+00:00')).toBe(Date.parse('2026-11-22T19:26:22Z'));
    expect(ariTimestampMs('2026-11-22T19:26:22.2Z')).toBe(Date.parse('2026-11-22T19:26:22.200Z'));
  });

  it('gives NaN for anything else', () => {
    for (const text of ['', 'x', '2026-11-22', '2026-11-22T19:26:22.254+000', '2026-1x-22T19:26:22.254+0000', '2026-11-22T19:26:22.254', '2026-11-22T19:26:22.254+0000 ']) expect(ariTimestampMs(text)).toBeNaN();
  });

  it('agrees with Date.parse for any instant of these years and any whole-quarter offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.integer({ min: -48, max: 56 }), (at, quarters) => {
        const offset = quarters * 15;
        const local = new Date(at + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const text = `${local}${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`;
        expect(ariTimestampMs(text)).toBe(viaDateParse(text));
        expect(ariTimestampMs(text)).toBe(at);
      }),
    );
  });
});
