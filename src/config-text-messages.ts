// The text-message settings (HOTLINE_SMS_*, HOTLINE_SMPP_*): their defaults and checks, read through
// config.ts's readers (config.ts stays the only reader of process.env); split off to keep it a size to read.
import path from 'node:path';
import type { Setting } from './config-setting.js';

/** config.ts's readers of one variable each, bound to its environment. */
export interface SettingReaders {
  raw(name: string): string;
  port(name: string): number;
  positiveInt(name: string): number;
  oneOf<T extends string>(name: string, allowed: readonly T[]): T;
}

export interface SmppSettings {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly password: string;
  readonly systemType: string;
  /** The sender the handset shows (source_addr). */
  readonly sourceAddress: string;
  readonly enquireLinkIntervalMs: number;
}

export interface AliyunSmsSettings {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly regionId: string;
  /** The secret the delivery-report push's callback URL carries ('' = the route is not served). */
  readonly reportToken: string;
}

export interface TextMessageConfig {
  /** 'none': nothing is sent (each message is stored as not sent); 'smpp' or 'aliyun': that centre. */
  readonly gateway: 'none' | 'smpp' | 'aliyun';
  readonly templatesFile: string;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
  readonly smpp: SmppSettings;
  readonly aliyun: AliyunSmsSettings;
}

export const TEXT_MESSAGE_SETTINGS: readonly Setting[] = [
  { name: 'HOTLINE_SMS_GATEWAY', fallback: 'none', doc: 'Where text messages (短信) go: "none" (default) sends nothing and stores each message as failed with MESSAGE_NO_GATEWAY; "smpp": an SMS centre over SMPP 3.4 (HOTLINE_SMPP_*); "aliyun": Alibaba Cloud SMS over HTTP (HOTLINE_SMS_ALIYUN_*).' },
  { name: 'HOTLINE_SMS_TEMPLATES_FILE', fallback: 'fixtures/sms-templates.yaml', doc: 'Text-message templates: the signature, each template\'s text with its {placeholders} and its code on the HTTP platform (SMS_TEMPLATES_INVALID).' },
  { name: 'HOTLINE_SMS_TIMEOUT_MS', fallback: '10000', doc: 'How long one request to the message centre (a submit, a bind, an enquire_link, a SendSms) may take before it counts as failed and is tried again.' },
  { name: 'HOTLINE_SMS_MAX_ATTEMPTS', fallback: '5', doc: 'Submissions of one message in all before it is given up (failed); the delays between them double from 2 s up to 60 s.' },
  { name: 'HOTLINE_SMPP_HOST', fallback: '127.0.0.1', doc: 'SMPP: the SMS centre\'s host.' },
  { name: 'HOTLINE_SMPP_PORT', fallback: '2775', doc: 'SMPP: the SMS centre\'s port.' },
  { name: 'HOTLINE_SMPP_SYSTEM_ID', fallback: 'hotline', doc: 'SMPP: the system_id the server binds as (bind_transceiver).' },
  { name: 'HOTLINE_SMPP_PASSWORD', fallback: '', doc: 'SMPP: the bind password (required with HOTLINE_SMS_GATEWAY=smpp; never logged).' },
  { name: 'HOTLINE_SMPP_SYSTEM_TYPE', fallback: '', doc: 'SMPP: the system_type the centre may ask for (empty: none).' },
  { name: 'HOTLINE_SMPP_SOURCE_ADDRESS', fallback: '12345', doc: 'SMPP: the sender a handset shows (source_addr): digits, or letters for an alphanumeric sender.' },
  { name: 'HOTLINE_SMPP_ENQUIRE_LINK_SECONDS', fallback: '30', doc: 'SMPP: seconds between enquire_link keep-alives; one unanswered within HOTLINE_SMS_TIMEOUT_MS drops the link, which is bound again.' },
  { name: 'HOTLINE_SMS_ALIYUN_ENDPOINT', fallback: 'https://dysmsapi.aliyuncs.com', doc: 'Alibaba Cloud SMS: the API endpoint (SendSms, version 2017-05-25).' },
  { name: 'HOTLINE_SMS_ALIYUN_ACCESS_KEY_ID', fallback: '', doc: 'Alibaba Cloud SMS: the AccessKey id (required with HOTLINE_SMS_GATEWAY=aliyun).' },
  { name: 'HOTLINE_SMS_ALIYUN_ACCESS_KEY_SECRET', fallback: '', doc: 'Alibaba Cloud SMS: the AccessKey secret the requests are signed with (required with aliyun; never sent or logged).' },
  { name: 'HOTLINE_SMS_ALIYUN_REGION', fallback: 'cn-hangzhou', doc: 'Alibaba Cloud SMS: RegionId.' },
  { name: 'HOTLINE_SMS_REPORT_TOKEN', fallback: '', doc: 'Alibaba Cloud SMS: the secret (16+ characters) the delivery-report callback URL set in its console carries, .../api/text-messages/reports/aliyun?token=<this>; empty: the route is not served and no report is received.' },
];

export function textMessageConfig(read: SettingReaders, invalid: (message: string) => Error): TextMessageConfig {
  const gateway = read.oneOf('HOTLINE_SMS_GATEWAY', ['none', 'smpp', 'aliyun'] as const);
  const settings: TextMessageConfig = {
    gateway,
    templatesFile: path.resolve(read.raw('HOTLINE_SMS_TEMPLATES_FILE')),
    requestTimeoutMs: read.positiveInt('HOTLINE_SMS_TIMEOUT_MS'),
    maxAttempts: read.positiveInt('HOTLINE_SMS_MAX_ATTEMPTS'),
    smpp: Object.freeze({
      host: read.raw('HOTLINE_SMPP_HOST'),
      port: read.port('HOTLINE_SMPP_PORT'),
      systemId: read.raw('HOTLINE_SMPP_SYSTEM_ID'),
      password: read.raw('HOTLINE_SMPP_PASSWORD'),
      systemType: read.raw('HOTLINE_SMPP_SYSTEM_TYPE'),
      sourceAddress: read.raw('HOTLINE_SMPP_SOURCE_ADDRESS'),
      enquireLinkIntervalMs: read.positiveInt('HOTLINE_SMPP_ENQUIRE_LINK_SECONDS') * 1000,
    }),
    aliyun: Object.freeze({
      endpoint: read.raw('HOTLINE_SMS_ALIYUN_ENDPOINT'),
      accessKeyId: read.raw('HOTLINE_SMS_ALIYUN_ACCESS_KEY_ID'),
      accessKeySecret: read.raw('HOTLINE_SMS_ALIYUN_ACCESS_KEY_SECRET'),
      regionId: read.raw('HOTLINE_SMS_ALIYUN_REGION'),
      reportToken: read.raw('HOTLINE_SMS_REPORT_TOKEN'),
    }),
  };
  // SMPP carries an 8-bit length for system_id (16 octets) and password (9 octets), SMPP 3.4 §5.2.
  if (settings.smpp.systemId.length > 15 || settings.smpp.password.length > 8) throw invalid('HOTLINE_SMPP_SYSTEM_ID may be 15 characters and HOTLINE_SMPP_PASSWORD 8 at most (SMPP 3.4)');
  if (!/^https?:\/\/[^\s/]+\/?$/.test(settings.aliyun.endpoint)) throw invalid(`HOTLINE_SMS_ALIYUN_ENDPOINT must look like https://dysmsapi.aliyuncs.com, got "${settings.aliyun.endpoint}"`);
  if (settings.aliyun.reportToken !== '' && settings.aliyun.reportToken.length < 16) throw invalid('HOTLINE_SMS_REPORT_TOKEN must be at least 16 characters (e.g. openssl rand -hex 16)');
  if (gateway === 'smpp' && settings.smpp.password === '') throw invalid('HOTLINE_SMS_GATEWAY=smpp needs HOTLINE_SMPP_PASSWORD');
  if (gateway === 'aliyun' && (settings.aliyun.accessKeyId === '' || settings.aliyun.accessKeySecret === '')) throw invalid('HOTLINE_SMS_GATEWAY=aliyun needs HOTLINE_SMS_ALIYUN_ACCESS_KEY_ID and HOTLINE_SMS_ALIYUN_ACCESS_KEY_SECRET');
  return Object.freeze(settings);
}
