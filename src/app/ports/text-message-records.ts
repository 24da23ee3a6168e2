// What app keeps of text messages: each message with its idempotency key, its attempts and its
// delivery report. The db and pg adapters implement it; test/adapters/storage holds both to it.
import type { MessageStatus } from '../../domain/messages/message-attempts.js';

export interface TextMessageRow {
  readonly id: string;
  /** The caller's key (`sign:<ticketId>:<round>`): one message per key, however often it is asked for. */
  readonly key: string;
  readonly templateId: string;
  /** The recipient's number: kept to send and to answer who was told; never logged in full. */
  readonly recipient: string;
  readonly params: Readonly<Record<string, string>>;
  /** The text as sent, signature included. */
  readonly text: string;
  readonly status: MessageStatus;
  readonly attempts: number;
  /** While queued: when the next attempt is due, or, during an attempt, until when it is held; null otherwise. */
  readonly nextAttemptAt: number | null;
  /** Which gateway took it (smpp, aliyun, none) and the id it gave; null until submitted. */
  readonly gateway: string | null;
  readonly providerId: string | null;
  /** The last failure's code (SMPP_TIMEOUT, UNDELIV, …) and words; null while none. */
  readonly failureCode: string | null;
  readonly failureReason: string | null;
  readonly createdAt: number;
  readonly submittedAt: number | null;
  /** When it was delivered, failed or expired. */
  readonly settledAt: number | null;
}

export type NewTextMessage = Pick<TextMessageRow, 'id' | 'key' | 'templateId' | 'recipient' | 'params' | 'text' | 'createdAt'>;

export type TextMessageChange = Partial<Pick<TextMessageRow, 'status' | 'attempts' | 'nextAttemptAt' | 'gateway' | 'providerId' | 'failureCode' | 'failureReason' | 'submittedAt' | 'settledAt'>>;

export interface TextMessageRecords {
  /** Stores a new message queued; when its key is taken, the message stored under it, untouched. */
  createOnce(message: NewTextMessage): Promise<{ readonly row: TextMessageRow; readonly created: boolean }>;
  byId(id: string): Promise<TextMessageRow | null>;
  byKey(key: string): Promise<TextMessageRow | null>;
  /** The message a gateway's id names (the gateway's kind with it: two centres may reuse ids). */
  byProviderId(gateway: string, providerId: string): Promise<TextMessageRow | null>;
  update(id: string, change: TextMessageChange): Promise<void>;
  /**
   * Takes the next attempt of a queued message: counts it (attempts + 1) and holds it until
   * `holdUntil` (a resume leaves it alone until then), only if the message is still queued with
   * `attemptsSeen` attempts. False when another server or timer took it first, so one attempt is
   * never made twice.
   */
  claimAttempt(id: string, attemptsSeen: number, holdUntil: number): Promise<boolean>;
  /** Messages queued and not given up, oldest first: resumed at start. */
  queued(limit: number): Promise<TextMessageRow[]>;
}
