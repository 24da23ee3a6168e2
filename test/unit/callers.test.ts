import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../src/domain/callers/credit-code.js';
import { normalizePhone } from '../../src/domain/callers/phone-number.js';

describe('unified social credit code', () => {
  it('accepts codes whose check character is right', () => {
    expect(isValidCreditCode('91320100MA1XY21231')).toBe(true);
    expect(isValidCreditCode('91320106MA2ABC456F')).toBe(true);
  });
  it('rejects a wrong check character, letters never used, and wrong lengths', () => {
    expect(isValidCreditCode('91320100MA1XY21232')).toBe(false);
    expect(isValidCreditCode('91320100MA1XY2123I')).toBe(false);
    expect(isValidCreditCode('91320100MA1XY2123')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });
});

describe('normalizePhone', () => {
  it('drops separators and the China country prefix', () => {
    expect(normalizePhone('+86 138-0000-1111')).toBe('13800001111');
    expect(normalizePhone('008613800001111')).toBe('13800001111');
    expect(normalizePhone('8613800001111')).toBe('13800001111');
    expect(normalizePhone('025-83001234')).toBe('02583001234');
  });
});
