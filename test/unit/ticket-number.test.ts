import { describe, expect, it } from 'vitest';
import { chinaDay, formatTicketNumber } from '../../src/domain/tickets/ticket-number.js';

describe('ticket numbers', () => {
  it('uses the China calendar day, which starts at 16:00 UTC', () => {
    expect(chinaDay(Date.UTC(2026, 10, 23, 15, 59, 59, 999))).toBe('20261123');
    expect(chinaDay(Date.UTC(2026, 10, 23, 16, 0, 0, 0))).toBe('20261124');
    expect(chinaDay(Date.UTC(2026, 11, 31, 16, 0, 0, 0))).toBe('20270101');
  });

  it('pads the daily sequence to six digits', () => {
    expect(formatTicketNumber('20261123', 42)).toBe('20261123-000042');
    expect(formatTicketNumber('20261123', 999_999)).toBe('20261123-999999');
  });

  it('refuses a sequence or day it cannot represent', () => {
    expect(() => formatTicketNumber('20261123', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('20261123', 1_000_000)).toThrow(RangeError);
    expect(() => formatTicketNumber('2026-11-23', 1)).toThrow(RangeError);
  });
});
