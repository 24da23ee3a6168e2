// Sums of the tickets kept in step by a trigger (drizzle-pg/0013_ticket_sums.sql), as on SQLite
// (db/schema.ts, which says what each holds): the analysis page and the hotspot rules read a year as a
// few thousand rows. Exported through schema.ts, so drizzle-kit and the schema parity check see them.
import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const ticketHourSums = pgTable(
  'ticket_hour_sums',
  {
    day: integer('day').notNull(),
    hour: integer('hour').notNull(),
    calls: integer('calls').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    answeredInTarget: integer('answered_in_target').notNull().default(0),
    abandoned: integer('abandoned').notNull().default(0),
    orders: integer('orders').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.day, table.hour] })],
);

export const ticketCellSums = pgTable(
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

export const ticketUnitSums = pgTable(
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
