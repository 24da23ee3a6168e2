// CSV downloads (QA reviews, the audit log): one way to answer them, so every export opens in Excel
// the same way and is saved as a file rather than shown.
import type { FastifyReply } from 'fastify';
import { toCsv, type CsvCell } from '../domain/qa/csv.js';
import { binaryReply } from './route-replies.js';

/** A CSV answer in a route's `schema.response`. */
export const csvReply = (description: string): object => binaryReply(`${description} (CSV, UTF-8 with a BOM, for Excel)`, 'text/csv');

/** Sets the headers of a CSV attachment and gives the body. */
export function csvAttachment(reply: FastifyReply, filename: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(filename));
  // The BOM makes Excel read the Chinese text as UTF-8.
  return `\uFEFF${toCsv(header, rows)}`;
}

/**
 * `attachment; filename="…"`; a name that is not plain ASCII (民情分析报告-….csv) also gets its real
 * name per RFC 5987 (`filename*`), with an ASCII stand-in for old clients.
 */
export function attachmentDisposition(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename) && !/["\\]/.test(filename)) return `attachment; filename="${filename}"`;
  const ascii = filename.replace('民情分析报告', 'analysis-report').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
