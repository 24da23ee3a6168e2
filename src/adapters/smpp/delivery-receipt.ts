// A delivery receipt (deliver_sm with esm_class "SMSC delivery receipt") read into the message id it
// is about and its outcome. The id and state come from the TLVs receipted_message_id and
// message_state when the centre sends them (SMPP 3.4 §5.3.2.12, §5.3.2.35), otherwise from the
// receipt text every centre writes after SMPP 3.4 Appendix B:
// `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...`
import type { ReportedOutcome } from '../../domain/messages/message-attempts.js';

export interface Receipt {
  readonly messageId: string;
  /** DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD (or the TLV state's name). */
  readonly stat: string;
  /** The centre's error code (`err:`), '' when none. */
  readonly err: string;
}

/** esm_class bits 2..5 = 0001: the deliver_sm is an SMSC delivery receipt, not a message from a phone. */
export function isReceipt(esmClass: number): boolean {
  return (esmClass & 0x3c) === 0x04;
}

const MESSAGE_STATES: Readonly<Record<number, string>> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

/** Reads a receipt; null when neither the TLVs nor the text name the message and its state. */
export function readReceipt(text: string, receiptedId?: unknown, messageState?: unknown): Receipt | null {
  const field = (name: string): string => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)?.[1] ?? '';
  const messageId = typeof receiptedId === 'string' && receiptedId !== '' ? receiptedId : field('id');
  const stateName = typeof messageState === 'number' ? MESSAGE_STATES[messageState] : undefined;
  const stat = (stateName ?? field('stat')).toUpperCase();
  if (messageId === '' || stat === '') return null;
  return { messageId, stat, err: field('err') };
}

/** The final outcome a receipt says; null for one that is not final (ENROUTE, ACCEPTD). */
export function outcomeOf(stat: string): ReportedOutcome | null {
  if (stat === 'DELIVRD') return 'delivered';
  if (stat === 'EXPIRED') return 'expired';
  if (stat === 'ENROUTE' || stat === 'ACCEPTD') return null;
  return 'failed';
}
