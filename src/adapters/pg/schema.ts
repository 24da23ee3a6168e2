// The tables on PostgreSQL: the same rows as the SQLite schema (src/adapters/db/schema.ts), column for
// column, so one set of storage ports and one contract suite serve both (schema-parity.ts has the
// compiler check that they agree). Times are epoch milliseconds (bigint read as a JS number: safe
// until the year 287396); durations milliseconds, also bigint; JSON columns are jsonb.
import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { EvidenceSelect } from '../../domain/hotspots/hotspot-facts.js';
import type { RecordingRef } from '../../domain/calls/call-facts.js';
import type { UnitRequest } from '../../domain/tickets/unit-requests.js';
import type { ArticleRef } from '../../domain/tickets/used-articles.js';

const epochMs = (name: string) => bigint(name, { mode: 'number' });
// Durations too: SQLite keeps any integer, and a clock that jumped must not make PostgreSQL refuse a
// ticket that SQLite would keep (integer overflows at 24.8 days of milliseconds).
const durationMs = (name: string) => bigint(name, { mode: 'number' });

export const calls = pgTable(
  'calls',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull(),
    callerNumber: text('caller_number').notNull(),
    callerName: text('caller_name'),
    dialedNumber: text('dialed_number').notNull(),
    state: text('state', { enum: ['active', 'ended'] }).notNull(),
    startedAt: epochMs('started_at').notNull(),
    answeredAt: epochMs('answered_at'),
    endedAt: epochMs('ended_at'),
    hangupCause: integer('hangup_cause'),
    hangupCauseText: text('hangup_cause_text'),
    endedBy: text('ended_by', { enum: ['caller', 'system', 'agent', 'supervisor', 'unknown'] }),
    ivrPath: jsonb('ivr_path').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
    progress: jsonb('progress').$type<unknown>(),
    updatedAt: epochMs('updated_at').notNull(),
    pbx: text('pbx'),
  },
  (table) => [index('calls_state_pbx_idx').on(table.state, table.pbx), index('calls_started_idx').on(table.startedAt)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    callStartedAt: epochMs('call_started_at').notNull(),
    callAnsweredAt: epochMs('call_answered_at'),
    callEndedAt: epochMs('call_ended_at').notNull(),
    ringMs: durationMs('ring_ms').notNull(),
    ivrMs: durationMs('ivr_ms').notNull().default(0),
    waitMs: durationMs('wait_ms').notNull().default(0),
    talkMs: durationMs('talk_ms').notNull(),
    holdMs: durationMs('hold_ms').notNull().default(0),
    totalMs: durationMs('total_ms').notNull(),
    queue: text('queue'),
    agentId: text('agent_id'),
    agentAnsweredAt: epochMs('agent_answered_at'),
    satisfaction: text('satisfaction'),
    recordings: jsonb('recordings').$type<RecordingRef[]>().notNull().default(sql`'[]'::jsonb`),
    elderly: boolean('elderly').notNull().default(false),
    enterpriseName: text('enterprise_name'),
    enterpriseCreditCode: text('enterprise_credit_code'),
    hangupCause: integer('hangup_cause'),
    hangupCauseText: text('hangup_cause_text'),
    endedBy: text('ended_by').notNull(),
    ivrPath: jsonb('ivr_path').$type<unknown[]>().notNull(),
    createdAt: epochMs('created_at').notNull(),
    missedIn: text('missed_in'),
    requestType: text('request_type'),
    categoryCode: text('category_code'),
    title: text('title'),
    description: text('description'),
    location: text('location'),
    area: text('area'),
    urgency: text('urgency').notNull().default('normal'),
    confidential: boolean('confidential').notNull().default(false),
    mainUnit: text('main_unit'),
    assistingUnits: jsonb('assisting_units').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    dueAt: epochMs('due_at'),
    signBy: epochMs('sign_by'),
    replyBy: epochMs('reply_by'),
    followUpBy: epochMs('follow_up_by'),
    closeBy: epochMs('close_by'),
    dispatchedAt: epochMs('dispatched_at'),
    firstResponseAt: epochMs('first_response_at'),
    lastProgressAt: epochMs('last_progress_at'),
    handledAt: epochMs('handled_at'),
    closedAt: epochMs('closed_at'),
    filedBy: text('filed_by'),
    filedAt: epochMs('filed_at'),
    warning: text('warning'),
    warningSince: epochMs('warning_since'),
    warningCheckAt: epochMs('warning_check_at'),
    updatedAt: epochMs('updated_at').notNull().default(0),
    // 签收: who signed (a user id, or the number that answered a reminder call) and how (web, phone).
    signedBy: text('signed_by'),
    signedVia: text('signed_via'),
    // The unit's latest 退单/延期 request with its decision (domain/tickets/unit-requests.ts); its state
    // apart so the supervisors' list of pending requests reads an index.
    unitRequest: jsonb('unit_request').$type<UnitRequest>(),
    unitRequestState: text('unit_request_state'),
    // The citizen said no to return visits (回访): none is made, by call or by hand.
    returnVisitDeclined: boolean('return_visit_declined').notNull().default(false),
    // The latest satisfaction result (回访), so the follow-up knows whether this reply was rated.
    ratedAt: epochMs('rated_at'),
    // When the follow-up (sign reminders, 催办, return visit) can next change (null: only an event will).
    followUpCheckAt: epochMs('follow_up_check_at'),
    // Since when the order waits on the list of return visits to make by hand (every call failed).
    manualVisitAt: epochMs('manual_visit_at'),
    // The knowledge articles the agent used to answer (id and version, 首呼解决的依据).
    articlesUsed: jsonb('articles_used').$type<ArticleRef[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer('version').notNull().default(1),
  },
  (table) => [
    index('tickets_caller_idx').on(table.callerNumber, table.createdAt),
    index('tickets_created_idx').on(table.createdAt),
    index('tickets_agent_idx').on(table.agentId, table.createdAt),
    index('tickets_status_idx').on(table.status, table.createdAt),
    index('tickets_type_idx').on(table.requestType, table.createdAt),
    index('tickets_category_idx').on(table.categoryCode, table.createdAt),
    index('tickets_created_category_area_idx').on(table.createdAt, table.categoryCode, table.area),
    index('tickets_warning_idx').on(table.warning, table.createdAt),
    index('tickets_warning_check_idx').on(table.warningCheckAt),
    index('tickets_unit_request_idx').on(table.unitRequestState, table.createdAt),
    index('tickets_follow_up_check_idx').on(table.followUpCheckAt),
    index('tickets_manual_visit_idx').on(table.manualVisitAt),
    // Text search as on SQLite (any 3 characters in a row; Chinese has no spaces between words):
    // pg_trgm's GIN index serves LIKE '%…%' on each searched column.
    index('tickets_number_trgm_idx').using('gin', sql`${table.number} gin_trgm_ops`),
    index('tickets_title_trgm_idx').using('gin', sql`${table.title} gin_trgm_ops`),
    index('tickets_description_trgm_idx').using('gin', sql`${table.description} gin_trgm_ops`),
    index('tickets_location_trgm_idx').using('gin', sql`${table.location} gin_trgm_ops`),
    // Two characters (停车, 社保): the pairs of neighbouring characters of the same four columns
    // (ticket_text_pairs, created by the migration before this index), asked with `@> array[pair]`.
    index('tickets_text_pairs_idx').using('gin', sql`ticket_text_pairs(${table.number}, ${table.title}, ${table.description}, ${table.location})`),
  ],
);

export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    at: epochMs('at').notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (table) => [index('ticket_events_ticket_idx').on(table.ticketId, table.at)],
);

export const recordings = pgTable(
  'recordings',
  {
    id: text('id').primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    kind: text('kind').notNull(),
    format: text('format').notNull(),
    file: text('file').notNull(),
    state: text('state', { enum: ['pending', 'ready', 'missing', 'purged'] }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    sha256: text('sha256'),
    durationMs: durationMs('duration_ms'),
    startedAt: epochMs('started_at'),
    endedAt: epochMs('ended_at'),
    deleteAfter: epochMs('delete_after'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (table) => [index('recordings_call_idx').on(table.callId), index('recordings_state_idx').on(table.state)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: epochMs('at').notNull(),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    result: text('result').notNull().$type<'ok' | 'denied' | 'failed'>(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (table) => [index('audit_target_idx').on(table.target, table.at), index('audit_at_idx').on(table.at)],
);

export const authTokens = pgTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    revokedAt: epochMs('revoked_at'),
  },
  (table) => [index('auth_tokens_user_idx').on(table.userId)],
);

export const qaReviews = pgTable(
  'qa_reviews',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    agentId: text('agent_id'),
    formId: text('form_id').notNull(),
    reviewer: text('reviewer').notNull(),
    total: integer('total').notNull(),
    grade: text('grade').notNull(),
    fatalFailed: jsonb('fatal_failed').$type<string[]>().notNull(),
    items: jsonb('items').$type<unknown[]>().notNull(),
    comment: text('comment'),
    createdAt: epochMs('created_at').notNull(),
  },
  (table) => [index('qa_reviews_call_idx').on(table.callId), index('qa_reviews_agent_idx').on(table.agentId, table.createdAt)],
);

export const qaSamples = pgTable(
  'qa_samples',
  {
    callId: text('call_id')
      .primaryKey()
      .references(() => calls.id),
    day: text('day').notNull(),
    agentId: text('agent_id').notNull(),
    percent: integer('percent').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (table) => [index('qa_samples_day_idx').on(table.day)],
);

export const ticketSequences = pgTable('ticket_sequences', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

export const callDrafts = pgTable('call_drafts', {
  callId: text('call_id').primaryKey(),
  agentId: text('agent_id'),
  writtenBy: text('written_by').notNull(),
  requestType: text('request_type'),
  categoryCode: text('category_code'),
  title: text('title').notNull().default(''),
  description: text('description').notNull().default(''),
  location: text('location').notNull().default(''),
  area: text('area').notNull().default(''),
  urgency: text('urgency'),
  confidential: boolean('confidential').notNull().default(false),
  returnVisitDeclined: boolean('return_visit_declined').notNull().default(false),
  callerName: text('caller_name').notNull().default(''),
  enterpriseName: text('enterprise_name').notNull().default(''),
  enterpriseCreditCode: text('enterprise_credit_code').notNull().default(''),
  articlesUsed: jsonb('articles_used').$type<ArticleRef[]>().notNull().default(sql`'[]'::jsonb`),
  dueAt: epochMs('due_at'),
  submittedAt: epochMs('submitted_at'),
  submittedBy: text('submitted_by'),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
});

export const textMessages = pgTable(
  'text_messages',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    templateId: text('template_id').notNull(),
    recipient: text('recipient').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['queued', 'submitted', 'delivered', 'failed', 'expired'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at'),
    gateway: text('gateway'),
    providerId: text('provider_id'),
    failureCode: text('failure_code'),
    failureReason: text('failure_reason'),
    createdAt: epochMs('created_at').notNull(),
    submittedAt: epochMs('submitted_at'),
    settledAt: epochMs('settled_at'),
  },
  (table) => [uniqueIndex('text_messages_key_idx').on(table.key), index('text_messages_provider_idx').on(table.gateway, table.providerId), index('text_messages_status_idx').on(table.status, table.createdAt)],
);

export const callTasks = pgTable(
  'call_tasks',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose').notNull(),
    number: text('number').notNull(),
    trunk: text('trunk').notNull(),
    flowId: text('flow_id').notNull(),
    variables: jsonb('variables').$type<Record<string, string>>().notNull(),
    notBefore: epochMs('not_before').notNull(),
    notAfter: epochMs('not_after'),
    callingWindow: text('calling_window').notNull(),
    retryPolicy: jsonb('retry_policy').$type<unknown>().notNull(),
    status: text('status').notNull(),
    dueAt: epochMs('due_at'),
    attempts: integer('attempts').notNull(),
    failures: jsonb('failures').$type<Record<string, number>>().notNull(),
    channelId: text('channel_id'),
    since: epochMs('since'),
    lastCause: text('last_cause'),
    outcome: jsonb('outcome').$type<unknown>(),
    leaseOwner: text('lease_owner'),
    leaseUntil: epochMs('lease_until'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (table) => [index('call_tasks_status_due_idx').on(table.status, table.dueAt)],
);

export const callAttempts = pgTable(
  'call_attempts',
  {
    channelId: text('channel_id').primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => callTasks.id),
    attempt: integer('attempt').notNull(),
    number: text('number').notNull(),
    trunk: text('trunk').notNull(),
    owner: text('owner').notNull(),
    status: text('status').notNull(),
    cause: text('cause'),
    hangupCause: integer('hangup_cause'),
    variables: jsonb('variables').$type<Record<string, string>>(),
    startedAt: epochMs('started_at').notNull(),
    endedAt: epochMs('ended_at'),
  },
  (table) => [uniqueIndex('call_attempts_task_attempt_idx').on(table.taskId, table.attempt), index('call_attempts_status_idx').on(table.status)],
);

export const knowledgeArticles = pgTable('knowledge_articles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  ownerUnit: text('owner_unit'),
  createdBy: text('created_by').notNull(),
  createdAt: epochMs('created_at').notNull(),
});

export const knowledgeArticleVersions = pgTable(
  'knowledge_article_versions',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => knowledgeArticles.id),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    categoryCode: text('category_code'),
    alsoCategories: jsonb('also_categories').$type<string[]>().notNull(),
    sourceDocument: text('source_document'),
    sourceNumber: text('source_number'),
    ownerUnit: text('owner_unit'),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    reviewDue: text('review_due'),
    note: text('note'),
    editedBy: text('edited_by').notNull(),
    editedAt: epochMs('edited_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.articleId, table.version] }), index('knowledge_versions_updated_idx').on(table.updatedAt), index('knowledge_versions_status_idx').on(table.status, table.validTo)],
);

export const hotspotWarnings = pgTable(
  'hotspot_warnings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    key: text('key').notNull().unique(),
    kind: text('kind').notNull(),
    categoryCode: text('category_code'),
    area: text('area'),
    place: text('place'),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    observed: doublePrecision('observed').notNull(),
    expected: doublePrecision('expected').notNull(),
    score: doublePrecision('score').notNull(),
    reason: text('reason').notNull(),
    selection: jsonb('selection').$type<EvidenceSelect>(),
    orderCount: integer('order_count').notNull().default(0),
    state: text('state').notNull(),
    unitId: text('unit_id'),
    proactiveTicketId: integer('proactive_ticket_id').references(() => tickets.id),
    raisedAt: epochMs('raised_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (table) => [index('hotspot_warnings_state_idx').on(table.state, table.score), index('hotspot_warnings_days_idx').on(table.toDay, table.fromDay)],
);

export const hotspotEvidence = pgTable(
  'hotspot_evidence',
  {
    warningId: integer('warning_id').notNull().references(() => hotspotWarnings.id),
    ticketId: integer('ticket_id').notNull().references(() => tickets.id),
  },
  (table) => [primaryKey({ columns: [table.warningId, table.ticketId] })],
);

export const hotspotHistory = pgTable(
  'hotspot_history',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    warningId: integer('warning_id').notNull().references(() => hotspotWarnings.id),
    step: text('step').notNull(),
    by: text('by'),
    at: epochMs('at').notNull(),
    unitId: text('unit_id'),
    note: text('note'),
  },
  (table) => [index('hotspot_history_warning_idx').on(table.warningId, table.id)],
);

export * from './ticket-sums-schema.js';
