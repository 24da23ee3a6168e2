import { describe, expect, it } from 'vitest';
import { canCallBack, queueAnnouncement } from '../../../src/domain/calls/queue-announcement.js';
import { spokenNumber } from '../../../src/domain/ivr/spoken-numbers.js';

const words: Record<string, string> = {
  num_0: '零', num_1: '一', num_2: '二', num_2_liang: '两', num_3: '三', num_4: '四', num_5: '五',
  num_6: '六', num_7: '七', num_8: '八', num_9: '九', num_10: '十', num_100: '百',
};
const read = (n: number, measure = false): string => spokenNumber(n, measure).map((p) => words[p]).join('');

describe('spokenNumber reads numbers the way Mandarin does', () => {
  it.each([
    [1, '一'], [2, '二'], [9, '九'], [10, '十'], [11, '十一'], [15, '十五'], [20, '二十'], [23, '二十三'],
    [99, '九十九'], [100, '一百'], [101, '一百零一'], [110, '一百一十'], [115, '一百一十五'], [200, '二百'], [305, '三百零五'], [999, '九百九十九'],
  ])('%i as an ordinal → %s', (n, text) => expect(read(n)).toBe(text));

  it('says 两 for a count of two (两分钟) and for two hundred, but not inside 十二 or 二十', () => {
    expect(read(2, true)).toBe('两');
    expect(read(200, true)).toBe('两百');
    expect(read(12, true)).toBe('十二');
    expect(read(22, true)).toBe('二十二');
  });

  it('caps what it cannot say: nothing below zero, nothing above 999', () => {
    expect(read(0)).toBe('零');
    expect(read(-4)).toBe('零');
    expect(read(12_345)).toBe('九百九十九');
  });
});

describe('queueAnnouncement', () => {
  it('gives the place and the wait in minutes, rounded up', () => {
    expect(queueAnnouncement({ position: 3, estimatedWaitSeconds: 61, callbackOffered: false })).toEqual([
      'queue_position_is', 'num_3', 'queue_position_unit', 'queue_wait_about', 'num_2_liang', 'queue_wait_minutes',
    ]);
  });

  it('says "under a minute" for a short wait and "long" past an hour, and offers the callback when allowed', () => {
    expect(queueAnnouncement({ position: 1, estimatedWaitSeconds: 20, callbackOffered: true })).toEqual([
      'queue_position_is', 'num_1', 'queue_position_unit', 'queue_wait_under_minute', 'queue_callback_offer',
    ]);
    expect(queueAnnouncement({ position: 12, estimatedWaitSeconds: 4000, callbackOffered: false })).toEqual([
      'queue_position_is', 'num_10', 'num_2', 'queue_position_unit', 'queue_wait_long',
    ]);
  });
});

describe('canCallBack', () => {
  it('accepts phone numbers and refuses anonymous or odd caller ids', () => {
    expect(canCallBack('13800138000')).toBe(true);
    expect(canCallBack('+8613800138000')).toBe(true);
    expect(canCallBack('anonymous')).toBe(false);
    expect(canCallBack('123')).toBe(false);
    expect(canCallBack('138-0013')).toBe(false);
  });
});
