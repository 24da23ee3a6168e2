// SMPP delivery receipts read into a message id and an outcome: from the TLVs when present, else
// from the receipt text of SMPP 3.4 Appendix B.
import { describe, expect, it } from 'vitest';
import { isReceipt, outcomeOf, readReceipt } from '../../../src/adapters/smpp/delivery-receipt.js';

const TEXT = 'id:0123456789 sub:001 dlvrd:000 submit date:2612050200 done date:2612050201 stat:UNDELIV err:005 text:您单位有新工单';

describe('delivery receipts', () => {
  it('reads the id, state and error from the text', () => {
    expect(readReceipt(TEXT)).toEqual({ messageId: '0123456789', stat: 'UNDELIV', err: '005' });
  });

  it('prefers receipted_message_id and message_state', () => {
    expect(readReceipt(TEXT, 'abc-7', 2)).toEqual({ messageId: 'abc-7', stat: 'DELIVRD', err: '005' });
  });

  it('is nothing without an id or a state', () => {
    expect(readReceipt('hello from a phone')).toBeNull();
    expect(readReceipt('id:42 sub:001')).toBeNull();
  });

  it('knows the final outcomes and leaves the others alone', () => {
    expect(['DELIVRD', 'EXPIRED', 'UNDELIV', 'REJECTD', 'DELETED', 'UNKNOWN', 'ENROUTE', 'ACCEPTD'].map(outcomeOf)).toEqual(['delivered', 'expired', 'failed', 'failed', 'failed', 'failed', null, null]);
  });

  it('tells a receipt from a message a phone sent', () => {
    expect([isReceipt(0x04), isReceipt(0x00), isReceipt(0x40), isReceipt(0x44)]).toEqual([true, false, false, true]);
  });
});
