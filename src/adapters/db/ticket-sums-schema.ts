// Sums of the tickets kept in step by triggers (drizzle/0018_ticket_sums.sql), so the analysis page
// and the hotspot rules read a year as a few thousand rows rather than a million orders. A day is the
// China day number ((ms + 8 h) / 1 day); a row may hold zeros once its tickets changed or went.
// Exported through schema.ts, so drizzle-kit and the schema parity check see them.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Per China day and hour: calls offered (by the call's start) and orders made (by the order's creation). */
export const ticketHourSums = sqliteTable(
  'ticket_hour_sums',
  {
    day: integer('day').notNull(),
    hour: integer('hour').notNull(),
    calls: integer('calls').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    /** Answered within the 15 s of 人工应答及时率 (ANSWER_TARGET_MS). */
    answeredInTarget: integer('answered_in_target').notNull().default(0),
    abandoned: integer('abandoned').notNull().default(0),
    orders: integer('orders').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.day, table.hour] })],
);

/** Per China day, subcategory and area ('' when none): orders (a request type filled) and categorised tickets. */
export const ticketCellSums = sqliteTable(
  'ticket_cell_sums',
  {
    day: integer('day').notNull(),
    categoryCode: text('category_code').notNull(),
    area: text('area').notNull(),
    orders: integer('orders').notNull().default(0),
    categorized: integer('categorized').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.day, table.categoryCode, table.area] })],
);

/** Per China day and main unit: orders, replied, replied by the deadline, rated, rated satisfied. */
export const ticketUnitSums = sqliteTable(
  'ticket_unit_sums',
  {
    day: integer('day').notNull(),
    unitId: text('unit_id').notNull(),
    orders: integer('orders').notNull().default(0),
    replied: integer('replied').notNull().default(0),
    onTime: integer('on_time').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    satisfied: integer('satisfied').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.day, table.unitId] })],
);
