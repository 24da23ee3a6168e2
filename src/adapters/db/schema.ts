// The tables. Times are epoch milliseconds (UTC); durations are milliseconds.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { EvidenceSelect } from '../../domain/hotspots/hotspot-facts.js';
import type { RecordingRef } from '../../domain/calls/call-facts.js';
import type { UnitRequest } from '../../domain/tickets/unit-requests.js';
import type { ArticleRef } from '../../domain/tickets/used-articles.js';

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
    endedBy: text('ended_by', { enum: ['caller', 'system', 'agent', 'supervisor', 'unknown'] }),
    ivrPath: text('ivr_path', { mode: 'json' }).$type<unknown[]>().notNull().default(sql`'[]'`),
    // The call's facts as the call machine last saved them (a ticket's input so far), for a restart.
    progress: text('progress', { mode: 'json' }).$type<unknown>(),
    updatedAt: integer('updated_at').notNull(),
    // The PBX that ran the call, when servers of a cluster share the database (null: a single box),
    // so a server taking over settles only its own PBX's calls.
    pbx: text('pbx'),
  },
  // The active calls, all of them or one PBX's: (state, pbx) serves both lookups.
  (table) => [index('calls_state_pbx_idx').on(table.state, table.pbx), index('calls_started_idx').on(table.startedAt)],
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
    /** Time the agent held the caller, within the talk time. */
    holdMs: integer('hold_ms').notNull().default(0),
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
    // Where a call no agent answered was lost: 'ivr' or 'queue' (null for answered calls).
    missedIn: text('missed_in'),
    requestType: text('request_type'),
    categoryCode: text('category_code'),
    title: text('title'),
    description: text('description'),
    location: text('location'),
    area: text('area'),
    urgency: text('urgency').notNull().default('normal'),
    confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
    mainUnit: text('main_unit'),
    assistingUnits: text('assisting_units', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    dueAt: integer('due_at'),
    signBy: integer('sign_by'),
    replyBy: integer('reply_by'),
    followUpBy: integer('follow_up_by'),
    closeBy: integer('close_by'),
    dispatchedAt: integer('dispatched_at'),
    firstResponseAt: integer('first_response_at'),
    lastProgressAt: integer('last_progress_at'),
    handledAt: integer('handled_at'),
    closedAt: integer('closed_at'),
    filedBy: text('filed_by'),
    filedAt: integer('filed_at'),
    warning: text('warning'),
    warningSince: integer('warning_since'),
    // When the warnings can next change (null: nothing pending); the scheduler looks only at these.
    warningCheckAt: integer('warning_check_at'),
    updatedAt: integer('updated_at').notNull().default(0),
    // 签收: who signed (a user id, or the number that answered a reminder call) and how (web, phone).
    signedBy: text('signed_by'),
    signedVia: text('signed_via'),
    // The unit's latest 退单/延期 request with its decision (domain/tickets/unit-requests.ts); its state
    // apart so the supervisors' list of pending requests reads an index.
    unitRequest: text('unit_request', { mode: 'json' }).$type<UnitRequest>(),
    unitRequestState: text('unit_request_state'),
    // The citizen said no to return visits (回访): none is made, by call or by hand.
    returnVisitDeclined: integer('return_visit_declined', { mode: 'boolean' }).notNull().default(false),
    // The latest satisfaction result (回访), so the follow-up knows whether this reply was rated.
    ratedAt: integer('rated_at'),
    // When the follow-up (sign reminders, 催办, return visit) can next change (null: only an event will).
    followUpCheckAt: integer('follow_up_check_at'),
    // Since when the order waits on the list of return visits to make by hand (every call failed).
    manualVisitAt: integer('manual_visit_at'),
    // The knowledge articles the agent used to answer (id and version, 首呼解决的依据).
    articlesUsed: text('articles_used', { mode: 'json' }).$type<ArticleRef[]>().notNull().default(sql`'[]'`),
    // Optimistic concurrency: an update names the version it read.
    version: integer('version').notNull().default(1),
  },
  (table) => [
    index('tickets_caller_idx').on(table.callerNumber, table.createdAt),
    index('tickets_created_idx').on(table.createdAt),
    index('tickets_agent_idx').on(table.agentId, table.createdAt),
    index('tickets_status_idx').on(table.status, table.createdAt),
    index('tickets_type_idx').on(table.requestType, table.createdAt),
    index('tickets_category_idx').on(table.categoryCode, table.createdAt),
    // The hotspot rules' day counts (China day × subcategory × area) read this index alone, not the rows.
    index('tickets_created_category_area_idx').on(table.createdAt, table.categoryCode, table.area),
    index('tickets_warning_idx').on(table.warning, table.createdAt),
    index('tickets_warning_check_idx').on(table.warningCheckAt),
    index('tickets_unit_request_idx').on(table.unitRequestState, table.createdAt),
    index('tickets_follow_up_check_idx').on(table.followUpCheckAt),
    index('tickets_manual_visit_idx').on(table.manualVisitAt),
  ],
);

/** Everything that happened to a ticket, in order: the status history and the record of changes. */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (table) => [index('ticket_events_ticket_idx').on(table.ticketId, table.at)],
);

/** A recorded file of a call: conversation or voice message, with what was measured of it. */
export const recordings = sqliteTable(
  'recordings',
  {
    id: text('id').primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    kind: text('kind').notNull(),
    format: text('format').notNull(),
    /** File name relative to the recordings folder. */
    file: text('file').notNull(),
    state: text('state', { enum: ['pending', 'ready', 'missing', 'purged'] }).notNull(),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    durationMs: integer('duration_ms'),
    startedAt: integer('started_at'),
    endedAt: integer('ended_at'),
    deleteAfter: integer('delete_after'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('recordings_call_idx').on(table.callId), index('recordings_state_idx').on(table.state)],
);

/** Who read or changed what: recordings served, tickets changed, logins. Never updated, only added. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    result: text('result').notNull().$type<'ok' | 'denied' | 'failed'>(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (table) => [index('audit_target_idx').on(table.target, table.at), index('audit_at_idx').on(table.at)],
);

/** Signed-in sessions: only a hash of each token is kept. */
export const authTokens = sqliteTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (table) => [index('auth_tokens_user_idx').on(table.userId)],
);

/** A QA reviewer's score of one call on one form. */
export const qaReviews = sqliteTable(
  'qa_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    agentId: text('agent_id'),
    formId: text('form_id').notNull(),
    reviewer: text('reviewer').notNull(),
    total: integer('total').notNull(),
    grade: text('grade').notNull(),
    fatalFailed: text('fatal_failed', { mode: 'json' }).$type<string[]>().notNull(),
    items: text('items', { mode: 'json' }).$type<unknown[]>().notNull(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('qa_reviews_call_idx').on(table.callId), index('qa_reviews_agent_idx').on(table.agentId, table.createdAt)],
);

/** Calls picked for review by the daily random sample. */
export const qaSamples = sqliteTable(
  'qa_samples',
  {
    callId: text('call_id')
      .primaryKey()
      .references(() => calls.id),
    day: text('day').notNull(),
    agentId: text('agent_id').notNull(),
    percent: integer('percent').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('qa_samples_day_idx').on(table.day)],
);

/** The last ticket sequence number handed out per China calendar day (YYYYMMDD). */
export const ticketSequences = sqliteTable('ticket_sequences', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * What the agent types on a call's work order while the call goes on, keyed by the call's id
 * (Asterisk's linkedid). Consumed by the transaction that writes the call's ticket, which deletes it.
 * No foreign key to calls: the call's row is written in grouped commits and may follow the first save.
 */
export const callDrafts = sqliteTable('call_drafts', {
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
  confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
  returnVisitDeclined: integer('return_visit_declined', { mode: 'boolean' }).notNull().default(false),
  callerName: text('caller_name').notNull().default(''),
  enterpriseName: text('enterprise_name').notNull().default(''),
  enterpriseCreditCode: text('enterprise_credit_code').notNull().default(''),
  articlesUsed: text('articles_used', { mode: 'json' }).$type<ArticleRef[]>().notNull().default(sql`'[]'`),
  dueAt: integer('due_at'),
  submittedAt: integer('submitted_at'),
  submittedBy: text('submitted_by'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Text messages (短信) to units' contacts and citizens, one per caller's idempotency key, with their
 * attempts and delivery report. Status: queued → submitted → delivered | failed | expired.
 */
export const textMessages = sqliteTable(
  'text_messages',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    templateId: text('template_id').notNull(),
    recipient: text('recipient').notNull(),
    params: text('params', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['queued', 'submitted', 'delivered', 'failed', 'expired'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    gateway: text('gateway'),
    providerId: text('provider_id'),
    failureCode: text('failure_code'),
    failureReason: text('failure_reason'),
    createdAt: integer('created_at').notNull(),
    submittedAt: integer('submitted_at'),
    settledAt: integer('settled_at'),
  },
  (table) => [uniqueIndex('text_messages_key_idx').on(table.key), index('text_messages_provider_idx').on(table.gateway, table.providerId), index('text_messages_status_idx').on(table.status, table.createdAt)],
);

/**
 * Outbound call tasks (return visits, sign reminders): what to call and why, where the task stands, and
 * the lease of the server that dials it. A server takes a task for an attempt with one atomic UPDATE
 * that only succeeds when no other server's lease is live, so two servers never dial the same task.
 */
export const callTasks = sqliteTable(
  'call_tasks',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose').notNull(),
    number: text('number').notNull(),
    trunk: text('trunk').notNull(),
    flowId: text('flow_id').notNull(),
    variables: text('variables', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    notBefore: integer('not_before').notNull(),
    notAfter: integer('not_after'),
    callingWindow: text('calling_window').notNull(),
    retryPolicy: text('retry_policy', { mode: 'json' }).$type<unknown>().notNull(),
    status: text('status').notNull(),
    dueAt: integer('due_at'),
    attempts: integer('attempts').notNull(),
    failures: text('failures', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    channelId: text('channel_id'),
    since: integer('since'),
    lastCause: text('last_cause'),
    outcome: text('outcome', { mode: 'json' }).$type<unknown>(),
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('call_tasks_status_due_idx').on(table.status, table.dueAt)],
);

/**
 * One row per dial of a task, written and committed BEFORE the dial under the channel id the dial
 * will use: after a crash, a row still 'dialing' names the channel to ask Asterisk about.
 */
export const callAttempts = sqliteTable(
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
    variables: text('variables', { mode: 'json' }).$type<Record<string, string>>(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (table) => [uniqueIndex('call_attempts_task_attempt_idx').on(table.taskId, table.attempt), index('call_attempts_status_idx').on(table.status)],
);

/** The knowledge base's articles (知识库): one id for life, owned by a handling unit (or the hotline's, null). */
export const knowledgeArticles = sqliteTable('knowledge_articles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  ownerUnit: text('owner_unit'),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
});

/**
 * Every version of every article, kept for good: the fields as the editor wrote them, and where the
 * version stands in review. `updated_at` is when the row last changed, the watermark other servers
 * read changes by.
 */
export const knowledgeArticleVersions = sqliteTable(
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
    alsoCategories: text('also_categories', { mode: 'json' }).$type<string[]>().notNull(),
    sourceDocument: text('source_document'),
    sourceNumber: text('source_number'),
    ownerUnit: text('owner_unit'),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    reviewDue: text('review_due'),
    note: text('note'),
    editedBy: text('edited_by').notNull(),
    editedAt: integer('edited_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.articleId, table.version] }), index('knowledge_versions_updated_idx').on(table.updatedAt), index('knowledge_versions_status_idx').on(table.status, table.validTo)],
);

/**
 * Hotspot warnings (热点预警): one row per finding of the rules, keyed so the same hotspot found on
 * the next run refreshes its row; its state is what supervisors move (new → sent → handled, dismissed).
 */
export const hotspotWarnings = sqliteTable(
  'hotspot_warnings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull().unique(),
    kind: text('kind').notNull(),
    categoryCode: text('category_code'),
    area: text('area'),
    place: text('place'),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    observed: real('observed').notNull(),
    expected: real('expected').notNull(),
    score: real('score').notNull(),
    reason: text('reason').notNull(),
    // How the evidence of a surge or season was selected (domain EvidenceSelect); null for listed evidence.
    selection: text('selection', { mode: 'json' }).$type<EvidenceSelect>(),
    orderCount: integer('order_count').notNull().default(0),
    state: text('state').notNull(),
    unitId: text('unit_id'),
    proactiveTicketId: integer('proactive_ticket_id').references(() => tickets.id),
    raisedAt: integer('raised_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (table) => [index('hotspot_warnings_state_idx').on(table.state, table.score), index('hotspot_warnings_days_idx').on(table.toDay, table.fromDay)],
);

/** The orders behind a warning (at most 500 each), replaced whenever the warning is refreshed. */
export const hotspotEvidence = sqliteTable(
  'hotspot_evidence',
  {
    warningId: integer('warning_id').notNull().references(() => hotspotWarnings.id),
    ticketId: integer('ticket_id').notNull().references(() => tickets.id),
  },
  (table) => [primaryKey({ columns: [table.warningId, table.ticketId] })],
);

/** Every step on a warning: raised, sent (to a unit), handled, dismissed, reopened, a proactive order made. */
export const hotspotHistory = sqliteTable(
  'hotspot_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    warningId: integer('warning_id').notNull().references(() => hotspotWarnings.id),
    step: text('step').notNull(),
    by: text('by'),
    at: integer('at').notNull(),
    unitId: text('unit_id'),
    note: text('note'),
  },
  (table) => [index('hotspot_history_warning_idx').on(table.warningId, table.id)],
);

export * from './ticket-sums-schema.js';
