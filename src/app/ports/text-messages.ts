// What app needs of a message centre to send text messages (短信): submit one message and hear its
// delivery report later. Adapters: SMPP (adapters/smpp), Alibaba Cloud SMS over HTTP
// (adapters/aliyun-sms), and `none` (nothing sent: no message centre configured).
import type { ReportedOutcome } from '../../domain/messages/message-attempts.js';

export interface OutgoingText {
  /** The hotline's own id of the message (Alibaba Cloud carries it back as OutId). */
  readonly messageId: string;
  readonly to: string;
  /** The whole text with its signature: 【12345热线】您单位有新工单… (what SMPP sends). */
  readonly text: string;
  /** The signature alone, and the template's platform code and parameters (what a template platform takes). */
  readonly signature: string;
  readonly platformCode: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface DeliveryReport {
  /** The id the message centre gave the message when it took it. */
  readonly providerId: string;
  readonly outcome: ReportedOutcome;
  /** The centre's own word for it: DELIVRD, UNDELIV, EXPIRED, an operator's error code. */
  readonly code: string;
  readonly at: number;
}

/** A refused or failed submission; `transient` says whether the same message may succeed later. */
export interface TextGatewayFailure extends Error {
  readonly code: string;
  readonly transient: boolean;
}

export function isTextGatewayFailure(error: unknown): error is TextGatewayFailure {
  return error instanceof Error && typeof (error as Partial<TextGatewayFailure>).code === 'string' && typeof (error as Partial<TextGatewayFailure>).transient === 'boolean';
}

/** Resolves once the report is kept (stored); rejects when it could not be. */
export type ReportListener = (report: DeliveryReport) => Promise<void>;

export interface TextMessageGateway {
  /** smpp, aliyun or none: for the log and the stored row. */
  readonly kind: string;
  /** Resolves with the centre's id for the message; rejects with a TextGatewayFailure. */
  submit(text: OutgoingText): Promise<{ readonly providerId: string }>;
  /**
   * Delivery reports, as they arrive, for messages of this or an earlier run. The centre is told the
   * report was received only once every listener's promise resolved; a rejection makes it send again.
   */
  onReport(listener: ReportListener): void;
  close(): Promise<void>;
}
