// The tables. Times are epoch milliseconds (UTC); durations are milliseconds.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { RecordingRef } from '../../domain/calls/call-facts.js';

export const calls = sqliteTable(
  'calls',
  {
    // Asterisk's linkedid: one id for the whole call, whatever legs it grows.
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull(),
    callerNumber: text('caller_number').notNull(),
    callerName: text('caller_name'),
    dialedNumber: text('dialed_number').notNull(),
    state: text('state', { enum: ['active', 'ended'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    answeredAt: integer('answered_at'),
    endedAt: integer('ended_at'),
    hangupCause: integer('hangup_cause'),
    hangupCauseText: text('hangup_cause_text'),
    endedBy: text('ended_by', { enum: ['caller', 'system', 'agent', 'unknown'] }),
    ivrPath: text('ivr_path', { mode: 'json' }).$type<unknown[]>().notNull().default(sql`'[]'`),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('calls_state_idx').on(table.state), index('calls_started_idx').on(table.startedAt)],
);

export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull().unique(),
    callId: text('call_id')
      .notNull()
      .unique()
      .references(() => calls.id),
    channel: text('channel', { enum: ['phone'] }).notNull(),
    status: text('status').notNull(),
    callerNumber: text('caller_number').notNull(),
    callerName: text('caller_name'),
    dialedNumber: text('dialed_number').notNull(),
    callStartedAt: integer('call_started_at').notNull(),
    callAnsweredAt: integer('call_answered_at'),
    callEndedAt: integer('call_ended_at').notNull(),
    ringMs: integer('ring_ms').notNull(),
    ivrMs: integer('ivr_ms').notNull().default(0),
    waitMs: integer('wait_ms').notNull().default(0),
    talkMs: integer('talk_ms').notNull(),
    totalMs: integer('total_ms').notNull(),
    queue: text('queue'),
    agentId: text('agent_id'),
    agentAnsweredAt: integer('agent_answered_at'),
    satisfaction: text('satisfaction'),
    recordings: text('recordings', { mode: 'json' }).$type<RecordingRef[]>().notNull().default(sql`'[]'`),
    elderly: integer('elderly', { mode: 'boolean' }).notNull().default(false),
    enterpriseName: text('enterprise_name'),
    enterpriseCreditCode: text('enterprise_credit_code'),
    hangupCause: integer('hangup_cause'),
    hangupCauseText: text('hangup_cause_text'),
    endedBy: text('ended_by').notNull(),
    ivrPath: text('ivr_path', { mode: 'json' }).$type<unknown[]>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    index('tickets_caller_idx').on(table.callerNumber),
    index('tickets_created_idx').on(table.createdAt),
    index('tickets_agent_idx').on(table.agentId),
  ],
);

/** The last ticket sequence number handed out per China calendar day (YYYYMMDD). */
export const ticketSequences = sqliteTable('ticket_sequences', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});
