// A message centre (SMSC) for the SMPP adapter's tests: the smpp package's own server on loopback.
// It checks the bind's system id and password, answers submit_sm with a message id (or not at all,
// or with a refusal, as a test asks), keeps what was submitted with its text decoded, sends delivery
// receipts as deliver_sm, and can drop every link or fall silent.
import type { AddressInfo } from 'node:net';
import smpp, { type Pdu, type Server, type Session } from 'smpp';

export interface Submitted {
  readonly messageId: string;
  readonly to: string;
  readonly from: string;
  readonly text: string;
  readonly dataCoding: number;
  /** Whether the text came in the message_payload TLV (a long message). */
  readonly payload: boolean;
  readonly registeredDelivery: number;
}

export interface SmscOptions {
  readonly systemId: string;
  readonly password: string;
  /** A port of its own (0 or absent: any free one). */
  readonly port?: number;
}

const BIND_FAILED = 0x0d;
const INVALID_PASSWORD = 0x0e;

function decoded(field: unknown): string {
  if (typeof field === 'object' && field !== null && 'message' in field) return String((field as { message: unknown }).message);
  return '';
}

export class TestSmsc {
  readonly submitted: Submitted[] = [];
  /** Binds tried, with whether each was accepted. */
  readonly binds: { readonly systemId: string; readonly accepted: boolean }[] = [];
  enquireLinks = 0;
  /** The command_status of each deliver_sm_resp the client sent back, in order. */
  readonly receiptAnswers: number[] = [];
  /** Submits not to answer, from the next one on (a centre that takes the PDU and says nothing). */
  unansweredSubmits = 0;
  /** The command_status to refuse the next submits with (0: accept). */
  readonly refusals: number[] = [];
  /** Answers nothing at all while true (a frozen centre: enquire_link goes unanswered too). */
  silent = false;
  /** Sends the delivered receipt before the submit's answer (a quick centre). */
  receiptAtOnce = false;
  private nextId = 1;
  private readonly bound = new Set<Session>();

  private constructor(
    private readonly server: Server,
    private readonly options: SmscOptions,
  ) {}

  static async start(options: SmscOptions): Promise<TestSmsc> {
    const holder: { smsc?: TestSmsc } = {};
    const server = smpp.createServer((session) => holder.smsc?.accept(session));
    const smsc = new TestSmsc(server, options);
    holder.smsc = smsc;
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    return smsc;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get boundLinks(): number {
    return this.bound.size;
  }

  /** Sends a delivery receipt for `messageId`: the text form, with the TLVs too when `tlvs`. */
  receipt(messageId: string, stat: string, err = '000', tlvs = false): void {
    const text = `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2612050200 done date:2612050201 stat:${stat} err:${err} text:`;
    const states: Record<string, number> = { DELIVRD: 2, EXPIRED: 3, UNDELIV: 5, REJECTD: 8 };
    const extra = tlvs ? { receipted_message_id: messageId, message_state: states[stat] ?? 7 } : {};
    for (const session of this.bound) session.send(new smpp.PDU('deliver_sm', { esm_class: 0x04, source_addr: '13800001111', destination_addr: '12345', short_message: text, ...extra }));
  }

  /** Closes every link at once (the centre restarted, the network dropped). */
  dropLinks(): void {
    for (const session of this.server.sessions) session.destroy();
    this.bound.clear();
  }

  async close(): Promise<void> {
    this.dropLinks();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(session: Session): void {
    session.on('error', () => undefined);
    session.on('close', () => this.bound.delete(session));
    session.on('pdu', (pdu) => {
      if (pdu.command === 'deliver_sm_resp') this.receiptAnswers.push(pdu.command_status);
      if (this.silent || pdu.isResponse()) return;
      this.answer(session, pdu);
    });
  }

  private answer(session: Session, pdu: Pdu): void {
    if (pdu.command === 'bind_transceiver' || pdu.command === 'bind_transmitter') return this.bind(session, pdu);
    if (!this.bound.has(session)) return void session.send(pdu.response({ command_status: 0x04 }));
    if (pdu.command === 'enquire_link') {
      this.enquireLinks += 1;
      return void session.send(pdu.response());
    }
    if (pdu.command === 'submit_sm') return this.submit(session, pdu);
    if (pdu.command === 'unbind') {
      session.send(pdu.response());
      this.bound.delete(session);
    }
  }

  private bind(session: Session, pdu: Pdu): void {
    const systemId = String(pdu.system_id);
    const accepted = systemId === this.options.systemId && pdu.password === this.options.password;
    this.binds.push({ systemId, accepted });
    if (accepted) this.bound.add(session);
    session.send(pdu.response({ command_status: accepted ? 0 : systemId === this.options.systemId ? INVALID_PASSWORD : BIND_FAILED, system_id: 'test-smsc' }));
  }

  private submit(session: Session, pdu: Pdu): void {
    if (this.unansweredSubmits > 0) {
      this.unansweredSubmits -= 1;
      return;
    }
    const refusal = this.refusals.shift() ?? 0;
    if (refusal !== 0) return void session.send(pdu.response({ command_status: refusal }));
    const messageId = `smsc-${this.nextId++}`;
    const payload = pdu.message_payload !== undefined;
    const text = decoded(payload ? pdu.message_payload : pdu.short_message);
    this.submitted.push({ messageId, to: String(pdu.destination_addr), from: String(pdu.source_addr), text, dataCoding: Number(pdu.data_coding), payload, registeredDelivery: Number(pdu.registered_delivery) });
    // Some centres deliver the receipt before the submit's answer: the receipt then names an id the client has not heard yet.
    if (this.receiptAtOnce) this.receipt(messageId, 'DELIVRD');
    session.send(pdu.response({ message_id: messageId }));
  }
}
