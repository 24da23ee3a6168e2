import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesInText } from '../../src/domain/privacy/mask-phone.js';

describe('maskPhone', () => {
  it('keeps the prefix and last four digits of a mobile number', () => {
    expect(maskPhone('13800001111')).toBe('138****1111');
    expect(maskPhone('+8613800001111')).toBe('+86*******1111');
  });
  it('masks landlines and short numbers harder', () => {
    expect(maskPhone('87654321')).toBe('87****21');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('')).toBe('');
  });
  it('masks numbers inside free text but leaves Asterisk ids alone', () => {
    expect(maskPhonesInText('市民13800001111来电, channel 1795375581.1')).toBe('市民138****1111来电, channel 1795375581.1');
  });
});
