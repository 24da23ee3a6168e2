// The ports' rows are written out in app's words (app/ports/*-records.ts); here the compiler holds
// each to the table it is read from, so a column added, dropped or retyped fails the build instead
// of drifting from the row app believes in.
import type { AuditRow } from '../../app/ports/audit-log.js';
import type { CallRow } from '../../app/ports/call-records.js';
import type { NewQaReview, QaReviewRow } from '../../app/ports/qa-records.js';
import type { RecordingRow } from '../../app/ports/recording-records.js';
import type { TicketEventRow, TicketRow } from '../../app/ports/ticket-records.js';
import type { auditLog, calls, qaReviews, recordings, ticketEvents, tickets } from './schema.js';

/** Each assignable to the other: the same columns with the same types (readonly aside). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type PortRowsMatchTables = [
  Holds<Same<CallRow, typeof calls.$inferSelect>>,
  Holds<Same<TicketRow, typeof tickets.$inferSelect>>,
  Holds<Same<TicketEventRow, typeof ticketEvents.$inferSelect>>,
  Holds<Same<RecordingRow, typeof recordings.$inferSelect>>,
  Holds<Same<AuditRow, typeof auditLog.$inferSelect>>,
  Holds<Same<QaReviewRow, typeof qaReviews.$inferSelect>>,
  Holds<Same<NewQaReview, Omit<typeof qaReviews.$inferInsert, 'id'>>>,
];
