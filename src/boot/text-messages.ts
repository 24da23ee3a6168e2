// Start-up of text messages: the templates file (a bad one stops the start, SMS_TEMPLATES_INVALID),
// the gateway HOTLINE_SMS_GATEWAY names (none, smpp, aliyun), the service over the stored messages,
// the messages a stopped server left queued taken up again, and Alibaba Cloud's report route.
import { randomUUID } from 'node:crypto';
import { AliyunSmsGateway } from '../adapters/aliyun-sms/aliyun-sms-gateway.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import { NoGateway } from '../adapters/messages/no-gateway.js';
import { loadTextTemplates } from '../adapters/messages/template-file.js';
import { SmppGateway } from '../adapters/smpp/smpp-gateway.js';
import { TextMessageService } from '../app/messages/text-message-service.js';
import type { TextMessageRecords } from '../app/ports/text-message-records.js';
import type { TextMessageGateway } from '../app/ports/text-messages.js';
import type { Config } from '../config.js';
import { DEFAULT_RETRY_POLICY } from '../domain/messages/message-attempts.js';
import type { TextTemplates } from '../domain/messages/text-templates.js';
import type { TextReportDeps } from '../http/routes/text-report-routes.js';
import type { Logger } from '../logging/logger.js';
import { readStartupFile } from './startup-file.js';

export interface TextMessages {
  readonly service: TextMessageService;
  /** The templates the service renders (a sender passes each only the parameters it names). */
  readonly templates: TextTemplates;
  readonly gateway: TextMessageGateway;
  /** The report push route's settings, with Alibaba Cloud and a token; null otherwise. */
  readonly reports: TextReportDeps | null;
  stop(): Promise<void>;
}

function gatewayOf(settings: Config['textMessages'], logger: Logger): { gateway: TextMessageGateway; reports: ((token: string) => TextReportDeps) | null } {
  const { requestTimeoutMs } = settings;
  if (settings.gateway === 'smpp') {
    const { enquireLinkIntervalMs, ...smpp } = settings.smpp;
    const gateway = new SmppGateway({ ...smpp, enquireLinkIntervalMs, requestTimeoutMs, reconnectInitialMs: 1_000, reconnectMaxMs: 60_000, logger, now: Date.now });
    gateway.start();
    return { gateway, reports: null };
  }
  if (settings.gateway === 'aliyun') {
    const { reportToken: _token, ...aliyun } = settings.aliyun;
    const gateway = new AliyunSmsGateway({ ...aliyun, timeoutMs: requestTimeoutMs, logger, now: Date.now });
    return { gateway, reports: (token) => ({ token, accept: (items) => gateway.acceptReports(items) }) };
  }
  return { gateway: new NoGateway(), reports: null };
}

/** The templates file, or a StartupError SMS_TEMPLATES_INVALID listing its problems. */
export function loadTemplatesAtStart(config: Pick<Config, 'textMessages'>): TextTemplates {
  const file = config.textMessages.templatesFile;
  return readStartupFile('SMS_TEMPLATES_INVALID', file, () => loadTextTemplates(file));
}

/** Queued messages are looked for this often, to take up those of a server that stopped or died. */
const RESUME_EVERY_MS = 60_000;

/**
 * `resumeHere`: whether this server takes up queued messages now (in a cluster, the holder of the
 * back office's lease; each attempt is claimed in the database, so two servers never make one twice).
 */
export async function startTextMessages(config: Config, deps: { records: TextMessageRecords; logger: Logger; resumeHere: () => boolean; now?: () => number }): Promise<TextMessages> {
  const settings = config.textMessages;
  const templates = loadTemplatesAtStart(config);
  const logger = deps.logger.child({ component: 'text-messages' });
  const { gateway, reports } = gatewayOf(settings, logger);
  const timers = new NodeTimers();
  const retry = { ...DEFAULT_RETRY_POLICY, maxAttempts: settings.maxAttempts };
  // The messages' times are the back office's (the daily report counts them on its days); the links to
  // the message centre keep the wall clock for their own time-outs.
  const service = new TextMessageService({ records: deps.records, gateway, templates, timers, now: deps.now ?? Date.now, newId: randomUUID, logger, retry });
  logger.info({ gateway: gateway.kind, templates: templates.byId.size }, 'text messages ready');
  const resume = async (): Promise<void> => {
    if (!deps.resumeHere()) return;
    await service.resume().catch((error: unknown) => logger.error({ err: error }, 'queued text messages could not be read'));
  };
  await resume();
  const resumer = setInterval(() => void resume(), RESUME_EVERY_MS);
  resumer.unref();
  return {
    service,
    templates,
    gateway,
    reports: reports && settings.aliyun.reportToken !== '' ? reports(settings.aliyun.reportToken) : null,
    stop: async () => {
      clearInterval(resumer);
      service.stop();
      await gateway.close();
    },
  };
}
