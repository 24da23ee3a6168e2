// A stand-in for Alibaba Cloud SMS (dysmsapi, version 2017-05-25) on loopback, following its
// published API: SendSms by POST with the RPC common parameters, the signature checked (HMAC-SHA1
// of the sorted, percent-encoded parameters, key = secret + '&'), a nonce used once and a timestamp
// within 15 minutes; then the signature name, the template code, its parameters (JSON, exactly the
// template's variables) and the number. It answers the documented shapes ({Code:'OK', BizId,
// RequestId} or {Code, Message, RequestId} with the documented codes and statuses) and pushes
// delivery reports as its HTTP batch push does (a JSON array of SmsReport items to a callback URL).
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandinAccount {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signNames: readonly string[];
  /** Approved templates: code → the variables their text uses. */
  readonly templates: Readonly<Record<string, readonly string[]>>;
}

export interface StandinSent {
  readonly bizId: string;
  readonly phoneNumbers: string;
  readonly signName: string;
  readonly templateCode: string;
  readonly templateParam: Record<string, string>;
  readonly outId: string;
}

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

// The RFC 3986 encoding its signature page asks for, written out here on its own.
const encode = (text: string): string =>
  encodeURIComponent(text)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');

const REQUIRED = ['AccessKeyId', 'Action', 'Format', 'RegionId', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'Signature'];

export class AliyunSmsStandin {
  readonly sent: StandinSent[] = [];
  /** Statuses to answer the next SendSms requests with, whatever they hold (503: the platform is down). */
  readonly failures: number[] = [];
  /** Requests to hold without an answer (a platform that stalls). */
  stalls = 0;
  private readonly nonces = new Set<string>();
  private nextBiz = 900_619_746_936_498_440n;

  private constructor(
    private readonly server: http.Server,
    private readonly account: StandinAccount,
    private readonly now: () => number,
  ) {}

  static async start(account: StandinAccount, now: () => number = Date.now): Promise<AliyunSmsStandin> {
    const holder: { standin?: AliyunSmsStandin } = {};
    const server = http.createServer((request, response) => holder.standin?.handle(request, response));
    const standin = new AliyunSmsStandin(server, account, now);
    holder.standin = standin;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standin;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Pushes delivery reports to a callback URL as the platform does; resolves with the status and answer. */
  async push(callbackUrl: string, reports: readonly { readonly bizId: string; readonly success: boolean; readonly errCode: string }[]): Promise<{ readonly status: number; readonly body: string }> {
    const items = reports.map((report) => {
      const sent = this.sent.find((s) => s.bizId === report.bizId);
      return { phone_number: sent?.phoneNumbers ?? '', send_time: '2026-12-05 10:00:00', report_time: '2026-12-05 10:00:03', success: report.success, err_code: report.errCode, err_msg: report.success ? '用户接收成功' : '用户接收失败', sms_size: '1', biz_id: report.bizId, out_id: sent?.outId ?? '' };
    });
    const body = JSON.stringify(items);
    const url = new URL(callbackUrl);
    return new Promise((resolve, reject) => {
      const request = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (this.stalls > 0) {
        this.stalls -= 1;
        return;
      }
      const answer = this.answer(request.method ?? '', Buffer.concat(chunks).toString('utf8'));
      response.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8' });
      response.end(JSON.stringify({ RequestId: randomUUID().toUpperCase(), ...answer.body }));
    });
  }

  private answer(method: string, text: string): Answer {
    const failure = this.failures.shift();
    if (failure !== undefined) return { status: failure, body: { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' } };
    const params = Object.fromEntries(new URLSearchParams(text));
    const missing = REQUIRED.find((name) => !(name in params));
    if (method !== 'POST' || missing !== undefined) return refusal(400, 'MissingParameter', `${missing ?? 'method'} is mandatory for this action.`);
    return this.authenticated(method, params) ?? this.sendSms(params);
  }

  private authenticated(method: string, params: Record<string, string>): Answer | null {
    if (params.AccessKeyId !== this.account.accessKeyId) return refusal(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const query = Object.keys(params)
      .filter((name) => name !== 'Signature')
      .sort()
      .map((name) => `${encode(name)}=${encode(params[name] ?? '')}`)
      .join('&');
    const expected = createHmac('sha1', `${this.account.accessKeySecret}&`).update(`${method}&${encode('/')}&${encode(query)}`).digest('base64');
    if (params.Signature !== expected) return refusal(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    if (Math.abs(Date.parse(params.Timestamp ?? '') - this.now()) > 15 * 60_000 || !/Z$/.test(params.Timestamp ?? '')) return refusal(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    if (this.nonces.has(params.SignatureNonce ?? '')) return refusal(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(params.SignatureNonce ?? '');
    return null;
  }

  private sendSms(params: Record<string, string>): Answer {
    if (params.Action !== 'SendSms' || params.Version !== '2017-05-25') return refusal(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (!this.account.signNames.includes(params.SignName ?? '')) return refusal(200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const variables = this.account.templates[params.TemplateCode ?? ''];
    if (!variables) return refusal(200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let templateParam: Record<string, string>;
    try {
      templateParam = JSON.parse(params.TemplateParam ?? '') as Record<string, string>;
    } catch {
      return refusal(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (Object.values(templateParam).some((value) => typeof value !== 'string')) return refusal(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    if (variables.some((name) => !(name in templateParam))) return refusal(200, 'isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    if (!/^(?:\+?86|0086)?1[3-9]\d{9}$/.test(params.PhoneNumbers ?? '')) return refusal(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    const bizId = `${this.nextBiz++}^0`;
    this.sent.push({ bizId, phoneNumbers: params.PhoneNumbers ?? '', signName: params.SignName ?? '', templateCode: params.TemplateCode ?? '', templateParam, outId: params.OutId ?? '' });
    return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: bizId } };
  }
}

function refusal(status: number, code: string, message: string): Answer {
  return { status, body: { Code: code, Message: message } };
}
