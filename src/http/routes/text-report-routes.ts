// POST /api/text-messages/reports/aliyun: where Alibaba Cloud SMS pushes its delivery reports (its
// "HTTP batch push" mode: a JSON array of SmsReport items; it expects `{ code: 0, msg }`). The
// platform signs nothing and sends no credentials of its own, so the callback URL configured in its
// console carries a secret of ours, `?token=<HOTLINE_SMS_REPORT_TOKEN>`, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AliyunReportAnswer, AliyunReportBatch, type AliyunReportItem } from '../../adapters/aliyun-sms/aliyun-report.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface TextReportDeps {
  /** The secret the push's callback URL carries; the route is not served without one. */
  readonly token: string;
  /** True when every report was kept; false makes the platform push them again later. */
  readonly accept: (items: readonly AliyunReportItem[]) => Promise<boolean>;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function textReportRoutes(app: FastifyInstance, deps: TextReportDeps): void {
  if (deps.token === '') return;
  const schema = { tags: ['text-messages'], querystring: Type.Object({ token: Type.String({ maxLength: 256 }) }, { additionalProperties: false }), body: AliyunReportBatch, response: replies({ 200: AliyunReportAnswer }, ['REQUEST_INVALID', 'TEXT_REPORT_TOKEN_INVALID', 'STORAGE_BUSY'], 'public') };
  app.withTypeProvider<TypeBoxProvider>().post('/api/text-messages/reports/aliyun', { config: { public: true }, schema }, async (request) => {
    if (!timingSafeEqual(digest(request.query.token), digest(deps.token))) throw httpError('TEXT_REPORT_TOKEN_INVALID');
    // Not kept (the database failed): a 503 tells the platform to push the batch again later.
    if (!(await deps.accept(request.body))) throw httpError('STORAGE_BUSY');
    return { code: 0, msg: '接收成功' };
  });
}
