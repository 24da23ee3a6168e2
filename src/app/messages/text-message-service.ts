// Sends text messages: renders a template from its data, stores the message under the caller's
// idempotency key before anything is sent (so a repeated request or a restart never makes a second
// one), submits it through the configured gateway, tries a failed submission again on the pure retry
// rule, and keeps each delivery report on the stored row. Numbers are masked in every log line.
import { afterFailedAttempt, DEFAULT_RETRY_POLICY, statusAfterReport, type RetryPolicy } from '../../domain/messages/message-attempts.js';
import { renderText, type RenderRefusal } from '../../domain/messages/render-text.js';
import type { TextTemplates } from '../../domain/messages/text-templates.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import type { Logger } from '../../logging/logger.js';
import type { TextMessageRecords, TextMessageRow } from '../ports/text-message-records.js';
import { isTextGatewayFailure, type DeliveryReport, type TextMessageGateway } from '../ports/text-messages.js';
import type { Timers } from '../ports/timers.js';

export interface SendRequest {
  /** One message per key, e.g. `sign:<ticketId>:<round>`. */
  readonly key: string;
  readonly templateId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly to: string;
}

export type SendRefusal = RenderRefusal | 'MESSAGE_RECIPIENT_INVALID' | 'MESSAGE_KEY_INVALID';

export type SendResult = { readonly ok: true; readonly message: TextMessageRow; readonly repeated: boolean } | { readonly ok: false; readonly code: SendRefusal; readonly reason: string };

export interface TextMessageServiceDeps {
  readonly records: TextMessageRecords;
  readonly gateway: TextMessageGateway;
  readonly templates: TextTemplates;
  readonly timers: Timers;
  readonly now: () => number;
  readonly newId: () => string;
  readonly logger: Logger;
  readonly retry?: RetryPolicy;
}

// A mainland mobile (11 digits from 1), or a fixed line with its area code; an optional +86/86.
const RECIPIENT = /^(?:\+?86)?(?:1[3-9]\d{9}|0\d{9,11})$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,127}$/;
const RESUME_BATCH = 500;
const MAX_EARLY_REPORTS = 1000;
/** An attempt claimed this long ago and never settled was lost with its server: a resume takes it up. */
const ATTEMPT_HOLD_MS = 10 * 60_000;
const timerId = (id: string): string => `text-message:${id}`;

export class TextMessageService {
  private readonly retry: RetryPolicy;
  /** Messages whose submission is under way in this process: a timer and a resume never overlap. */
  private readonly inFlight = new Set<string>();
  /** Reports that came before their message's id was stored, by that id, oldest first. */
  private readonly early = new Map<string, DeliveryReport>();
  /** Messages waiting for their next attempt on a timer of this service. */
  private readonly scheduled = new Set<string>();
  private stopped = false;

  constructor(private readonly deps: TextMessageServiceDeps) {
    this.retry = deps.retry ?? DEFAULT_RETRY_POLICY;
    deps.gateway.onReport((report) => this.received(report));
  }

  /** Stores and sends a message, or answers with the one already stored under the key. */
  async send(request: SendRequest): Promise<SendResult> {
    if (!KEY.test(request.key)) return { ok: false, code: 'MESSAGE_KEY_INVALID', reason: 'a key is 1 to 128 letters, digits and : . _ -' };
    if (!RECIPIENT.test(request.to)) return { ok: false, code: 'MESSAGE_RECIPIENT_INVALID', reason: `${maskPhone(request.to)} is not a mobile or fixed-line number` };
    const existing = await this.deps.records.byKey(request.key);
    if (existing) return { ok: true, message: existing, repeated: true };
    const rendered = renderText(this.deps.templates, request.templateId, request.params);
    if (!rendered.ok) return rendered;
    const { row, created } = await this.deps.records.createOnce({ id: this.deps.newId(), key: request.key, templateId: request.templateId, recipient: request.to, params: { ...request.params }, text: rendered.text, createdAt: this.deps.now() });
    if (!created) return { ok: true, message: row, repeated: true };
    this.log(row).info({ templateId: row.templateId }, 'text message queued');
    await this.attempt(row.id);
    return { ok: true, message: (await this.deps.records.byId(row.id)) ?? row, repeated: false };
  }

  /**
   * Takes up queued messages (those a stopped server left, or a server that died mid-attempt): each at
   * its due time, checked again then, since another server may have moved it on meanwhile.
   */
  async resume(): Promise<number> {
    const rows = await this.deps.records.queued(RESUME_BATCH);
    const now = this.deps.now();
    for (const row of rows) this.schedule(row.id, Math.max(0, (row.nextAttemptAt ?? now) - now), true);
    if (rows.length > 0) this.deps.logger.info({ messages: rows.length }, 'queued text messages resumed');
    return rows.length;
  }

  stop(): void {
    this.stopped = true;
    // Only this service's own timers: the Timers port is shared with the calls and the ACD.
    for (const id of this.scheduled) this.deps.timers.cancel(timerId(id));
    this.scheduled.clear();
  }

  /** `recheck`: the attempt waits on if the message is not due by then (a resume's timer, not its own). */
  private schedule(id: string, delayMs: number, recheck = false): void {
    this.scheduled.add(id);
    this.deps.timers.start(timerId(id), delayMs, () => {
      this.scheduled.delete(id);
      void this.attempt(id, recheck);
    });
  }

  private async attempt(id: string, recheck = false): Promise<void> {
    if (this.stopped || this.inFlight.has(id)) return;
    this.inFlight.add(id);
    try {
      const row = await this.deps.records.byId(id);
      if (row?.status !== 'queued') return;
      const now = this.deps.now();
      if (recheck && row.nextAttemptAt !== null && row.nextAttemptAt > now) return this.schedule(id, row.nextAttemptAt - now, true);
      // The attempt is counted before it is made (a crash mid-submit still uses it up), and only by
      // whoever claims it: a server that took the message up at its start never doubles another's attempt.
      if (!(await this.deps.records.claimAttempt(id, row.attempts, now + ATTEMPT_HOLD_MS))) return;
      await this.submit(row, row.attempts + 1);
    } catch (error) {
      this.deps.logger.error({ err: error, messageId: id }, 'text message attempt could not be stored');
    } finally {
      this.inFlight.delete(id);
    }
  }

  private async submit(row: TextMessageRow, attempts: number): Promise<void> {
    const template = this.deps.templates.byId.get(row.templateId);
    const { gateway } = this.deps;
    try {
      const { providerId } = await gateway.submit({ messageId: row.id, to: row.recipient, text: row.text, signature: this.deps.templates.signature, platformCode: template?.platformCode ?? '', params: row.params });
      await this.deps.records.update(row.id, { status: 'submitted', gateway: gateway.kind, providerId, submittedAt: this.deps.now(), nextAttemptAt: null, failureCode: null, failureReason: null });
      this.log(row).info({ attempts, gateway: gateway.kind, providerId }, 'text message submitted');
      const early = this.early.get(providerId);
      if (early) {
        this.early.delete(providerId);
        await this.received(early).catch(() => undefined);
      }
    } catch (error) {
      await this.failed(row, attempts, error);
    }
  }

  private async failed(row: TextMessageRow, attempts: number, error: unknown): Promise<void> {
    const failure = isTextGatewayFailure(error) ? error : { code: 'MESSAGE_GATEWAY_ERROR', transient: true, message: error instanceof Error ? error.message : String(error) };
    const step = afterFailedAttempt(this.retry, attempts, failure.transient);
    const reason = failure.message.slice(0, 500);
    if (step.action === 'retry') {
      const nextAttemptAt = this.deps.now() + step.delayMs;
      await this.deps.records.update(row.id, { nextAttemptAt, failureCode: failure.code, failureReason: reason });
      this.log(row).warn({ attempts, code: failure.code, retryInMs: step.delayMs }, 'text message not submitted; tried again later');
      this.schedule(row.id, step.delayMs);
      return;
    }
    await this.deps.records.update(row.id, { status: 'failed', settledAt: this.deps.now(), nextAttemptAt: null, failureCode: failure.code, failureReason: reason });
    this.log(row).error({ attempts, code: failure.code, why: step.why }, 'text message failed');
  }

  private async received(report: DeliveryReport): Promise<void> {
    const { gateway, records } = this.deps;
    try {
      const row = await records.byProviderId(gateway.kind, report.providerId);
      if (!row) {
        this.keepEarly(report);
        return;
      }
      const status = statusAfterReport(row.status, report.outcome);
      if (status === null) return;
      const failed = report.outcome !== 'delivered';
      await records.update(row.id, { status, settledAt: report.at, failureCode: failed ? report.code : null, failureReason: failed ? `delivery report ${report.code}` : null });
      this.log(row).info({ status, code: report.code }, 'text message delivery report');
    } catch (error) {
      this.deps.logger.error({ err: error, providerId: report.providerId }, 'delivery report could not be stored');
      // The gateway then leaves the report unacknowledged, and the centre sends it again.
      throw error;
    }
  }

  /**
   * A report can overtake the write of its message's id (a quick centre, a slow database): it is kept
   * until that write, a bounded number of them; one that never finds its message is only logged.
   */
  private keepEarly(report: DeliveryReport): void {
    if (this.early.size >= MAX_EARLY_REPORTS) {
      const oldest = this.early.keys().next().value;
      if (oldest !== undefined) this.early.delete(oldest);
    }
    this.early.set(report.providerId, report);
    this.deps.logger.warn({ gateway: this.deps.gateway.kind, providerId: report.providerId }, 'delivery report for no known message (kept a while in case its message is being stored)');
  }

  private log(row: TextMessageRow): Logger {
    return this.deps.logger.child({ messageId: row.id, key: row.key, to: maskPhone(row.recipient) });
  }
}
