// Text messages over SMPP 3.4: submit_sm in UCS2 with a delivery receipt asked for, and the receipts
// (deliver_sm) read back into delivery reports. The TextMessageGateway port's SMPP adapter.
import type { Pdu } from 'smpp';
import type { DeliveryReport, OutgoingText, ReportListener, TextMessageGateway } from '../../app/ports/text-messages.js';
import type { Logger } from '../../logging/logger.js';
import { ReportListeners } from '../messages/report-listeners.js';
import { isReceipt, outcomeOf, readReceipt } from './delivery-receipt.js';
import { SmppError, submitRefusal } from './smpp-error.js';
import { SmppLink, type SmppLinkOptions } from './smpp-link.js';
import { smppBody, UCS2_DATA_CODING } from './smpp-text.js';

export interface SmppGatewayOptions extends Omit<SmppLinkOptions, 'logger'> {
  /** The sender the handset shows (source_addr), e.g. the hotline's service number 12345. */
  readonly sourceAddress: string;
  readonly logger: Logger;
  readonly now: () => number;
}

// ESME_RX_T_APPN: "receiver temporary application error", the centre delivers the receipt again later.
const RECEIVER_TEMPORARY_ERROR = 0x64;
// registered_delivery: an SMSC delivery receipt on the final outcome, success or failure (§5.2.17).
const RECEIPT_ON_FINAL = 0x01;
// TON/NPI: a sender of digits is a national number, letters an alphanumeric one; recipients ISDN numbers.
const NATIONAL = 2;
const ALPHANUMERIC = 5;
const ISDN = 1;

export class SmppGateway implements TextMessageGateway {
  readonly kind = 'smpp';
  private readonly link: SmppLink;
  private readonly listeners: ReportListeners;

  constructor(private readonly options: SmppGatewayOptions) {
    this.listeners = new ReportListeners(options.logger);
    this.link = new SmppLink({ ...options, logger: options.logger }, { onRequest: (pdu, answer) => void this.delivered(pdu, answer) });
  }

  get isBound(): boolean {
    return this.link.isBound;
  }

  get armedTimers(): number {
    return this.link.armedTimers;
  }

  start(): void {
    this.link.start();
  }

  async close(): Promise<void> {
    await this.link.stop();
  }

  onReport(listener: ReportListener): void {
    this.listeners.add(listener);
  }

  async submit(text: OutgoingText): Promise<{ readonly providerId: string }> {
    const body = smppBody(text.text);
    if (!body) throw new SmppError('SMPP_TEXT_TOO_LONG', `message ${text.messageId} is too long for one submit_sm`);
    const source = this.options.sourceAddress;
    const answer = await this.link.request('submit_sm', {
      source_addr_ton: /^\d+$/.test(source) ? NATIONAL : ALPHANUMERIC,
      source_addr_npi: /^\d+$/.test(source) ? ISDN : 0,
      source_addr: source,
      dest_addr_ton: text.to.startsWith('+') ? 1 : 0,
      dest_addr_npi: ISDN,
      destination_addr: text.to.replace(/^\+/, ''),
      registered_delivery: RECEIPT_ON_FINAL,
      data_coding: UCS2_DATA_CODING,
      ...body,
    });
    if (answer.command_status !== 0) throw submitRefusal(answer.command_status);
    const providerId = typeof answer.message_id === 'string' ? answer.message_id : '';
    if (providerId === '') throw new SmppError('SMPP_REFUSED', `submit_sm_resp for message ${text.messageId} carried no message id`);
    return { providerId };
  }

  private async delivered(pdu: Pdu, answer: (response: Pdu) => void): Promise<void> {
    const esmClass = typeof pdu.esm_class === 'number' ? pdu.esm_class : 0;
    if (!isReceipt(esmClass)) {
      this.options.logger.info({ smsc: `${this.options.host}:${this.options.port}` }, 'SMPP message from a phone ignored (replies are not read)');
      return answer(pdu.response());
    }
    const receipt = readReceipt(receiptText(pdu.short_message), pdu.receipted_message_id, pdu.message_state);
    const outcome = receipt ? outcomeOf(receipt.stat) : null;
    // A receipt we cannot read, or one not final, would only come back again if refused.
    if (!receipt || !outcome) {
      if (!receipt) this.options.logger.warn('SMPP delivery receipt without a message id or state ignored');
      return answer(pdu.response());
    }
    // The code is the state, with the centre's error when there is one (err:000 is none).
    const report: DeliveryReport = { providerId: receipt.messageId, outcome, code: /^0*$/.test(receipt.err) || outcome === 'delivered' ? receipt.stat : `${receipt.stat}:${receipt.err}`, at: this.options.now() };
    const kept = await this.listeners.deliver(report);
    answer(pdu.response(kept ? {} : { command_status: RECEIVER_TEMPORARY_ERROR }));
  }
}

/** The library decodes short_message into `{ message }` (text) or leaves a Buffer. */
function receiptText(field: unknown): string {
  if (Buffer.isBuffer(field)) return field.toString('latin1');
  if (typeof field === 'object' && field !== null && 'message' in field) {
    const message = (field as { message: unknown }).message;
    return Buffer.isBuffer(message) ? message.toString('latin1') : String(message);
  }
  return typeof field === 'string' ? field : '';
}
