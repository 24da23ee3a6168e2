// Alibaba Cloud SMS's delivery reports as its HTTP batch push sends them (SmsReport: a JSON array,
// each with phone_number, send_time, report_time, success, err_code, err_msg, sms_size, biz_id,
// out_id), and the platform's expected answer `{ code: 0, msg }`. Schemas for the route's edge.
import { Type, type Static } from '@sinclair/typebox';
import type { DeliveryReport } from '../../app/ports/text-messages.js';

const Text = (maxLength: number) => Type.String({ maxLength });

export const AliyunReportItem = Type.Object(
  {
    phone_number: Text(32),
    send_time: Text(32),
    report_time: Text(32),
    success: Type.Boolean(),
    err_code: Text(64),
    err_msg: Text(256),
    sms_size: Text(8),
    biz_id: Text(64),
    out_id: Text(64),
  },
  // The platform may add fields; the route reads these.
  { additionalProperties: true },
);
export type AliyunReportItem = Static<typeof AliyunReportItem>;

/** One push holds at most this many reports (the platform batches; a bigger body is not its). */
export const AliyunReportBatch = Type.Array(AliyunReportItem, { maxItems: 1000 });
export type AliyunReportBatch = Static<typeof AliyunReportBatch>;

export const AliyunReportAnswer = Type.Object({ code: Type.Integer(), msg: Type.String() });

/** `2026-12-05 10:00:03`, China time (UTC+8), as epoch ms; `fallback` when it is not that. */
export function chinaTime(text: string, fallback: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return fallback;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h - 8, mi, s);
}

/** A pushed report as the port's; a failure's code is the operator's (err_code), e.g. MK:0001. */
export function reportOf(item: AliyunReportItem, now: number): DeliveryReport {
  const outcome = item.success ? 'delivered' : /EXPIRED/i.test(item.err_code) ? 'expired' : 'failed';
  return { providerId: item.biz_id, outcome, code: item.err_code || (item.success ? 'DELIVERED' : 'FAILED'), at: chinaTime(item.report_time, now) };
}
