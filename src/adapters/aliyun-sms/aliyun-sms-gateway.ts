// Text messages through Alibaba Cloud SMS (阿里云短信服务, API version 2017-05-25): SendSms with the
// recipient, the signature (SignName), the template's approved code (TemplateCode) and its
// parameters as JSON (TemplateParam), signed as Alibaba Cloud's RPC APIs are (aliyun-signature.ts),
// over node:https (docs/decisions.md: node:http rather than fetch). Delivery reports come back by
// the platform's HTTP batch push to our route (http/routes/text-report-routes.ts), which hands them
// to `acceptReports`.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { OutgoingText, ReportListener, TextMessageGateway } from '../../app/ports/text-messages.js';
import type { Logger } from '../../logging/logger.js';
import { ReportListeners } from '../messages/report-listeners.js';
import { reportOf, type AliyunReportItem } from './aliyun-report.js';
import { percentEncode, rpcSignature } from './aliyun-signature.js';
import { AliyunSmsError, platformRefusal } from './aliyun-sms-error.js';

export interface AliyunSmsOptions {
  /** https://dysmsapi.aliyuncs.com in production; the stand-in's address in tests. */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly regionId: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly now: () => number;
}

interface SendSmsAnswer {
  readonly Code?: unknown;
  readonly Message?: unknown;
  readonly BizId?: unknown;
  readonly RequestId?: unknown;
}

class RequestTimedOut extends Error {}

export class AliyunSmsGateway implements TextMessageGateway {
  readonly kind = 'aliyun';
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly listeners: ReportListeners;

  constructor(private readonly options: AliyunSmsOptions) {
    this.url = new URL(options.endpoint);
    const secure = this.url.protocol === 'https:';
    this.transport = secure ? https : http;
    const pool = { keepAlive: true, maxSockets: 16, timeout: 10_000 };
    this.agent = secure ? new https.Agent(pool) : new http.Agent(pool);
    this.listeners = new ReportListeners(options.logger);
  }

  onReport(listener: ReportListener): void {
    this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  async submit(text: OutgoingText): Promise<{ readonly providerId: string }> {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: this.options.regionId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: new Date(this.options.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      PhoneNumbers: text.to,
      SignName: text.signature,
      TemplateCode: text.platformCode,
      TemplateParam: JSON.stringify(text.params),
      OutId: text.messageId,
    };
    params.Signature = rpcSignature('POST', params, this.options.accessKeySecret);
    const body = Object.entries(params)
      .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
      .join('&');
    const { status, text: answerText } = await this.post(body);
    const answer = parseAnswer(answerText);
    if (!answer) throw new AliyunSmsError('SMS_PLATFORM_FAILED', `the SMS platform answered HTTP ${status} with no JSON`, undefined, status);
    const code = typeof answer.Code === 'string' ? answer.Code : '';
    if (status === 200 && code === 'OK' && typeof answer.BizId === 'string' && answer.BizId !== '') return { providerId: answer.BizId };
    throw platformRefusal(status, code || `HTTP${status}`, typeof answer.Message === 'string' ? answer.Message : '');
  }

  /** Reports the platform pushed (already checked at the route); true when every one was kept. */
  async acceptReports(items: readonly AliyunReportItem[]): Promise<boolean> {
    const now = this.options.now();
    const kept = await Promise.all(items.map((item) => this.listeners.deliver(reportOf(item, now))));
    return kept.every(Boolean);
  }

  private post(body: string): Promise<{ readonly status: number; readonly text: string }> {
    const { timeoutMs } = this.options;
    return new Promise((resolve, reject) => {
      const request = this.transport.request({ host: this.url.hostname, port: this.url.port || undefined, path: this.url.pathname || '/', method: 'POST', agent: this.agent, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Accept: 'application/json' } });
      // One timer covers connecting, a stalled platform and an answer that stops half-way.
      const timer = setTimeout(() => request.destroy(new RequestTimedOut()), timeoutMs);
      const fail = (error: unknown): void => {
        clearTimeout(timer);
        if (error instanceof RequestTimedOut) reject(new AliyunSmsError('SMS_PLATFORM_TIMEOUT', `the SMS platform did not answer within ${timeoutMs} ms`));
        else reject(new AliyunSmsError('SMS_PLATFORM_UNREACHABLE', `the SMS platform at ${this.url.host} cannot be reached (${networkCode(error)})`));
      };
      request.on('error', fail);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      request.end(body);
    });
  }
}

function parseAnswer(text: string): SendSmsAnswer | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as SendSmsAnswer) : null;
  } catch {
    return null;
  }
}

function networkCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
