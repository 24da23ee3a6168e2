// The REST requests the pages send and the answers they read, as the server's routes declare them
// (src/contract/api): one definition for both sides. Types only: nothing of the server goes into the bundle.
import type { Static } from '@sinclair/typebox';
import type * as Dispatch from '../../src/contract/api/dispatch.js';
import type * as Hotspots from '../../src/contract/api/hotspots.js';
export type { TicketFiledBody } from '../../src/contract/api/agents.js';
export type { LoginBody, LoginReply, SignedInUser } from '../../src/contract/api/auth.js';
export type { AuditEntry, AuditReply } from '../../src/contract/api/audit.js';
export type { PartyBody, TransferBody } from '../../src/contract/api/calls.js';
export type { CallReleasedReply, MonitorBody, MonitorStartedReply, MonitorsReply, MonitorView } from '../../src/contract/api/monitoring.js';
export type { CallDraftView, DraftBody, DraftReply } from '../../src/contract/api/drafts.js';
export type { ClusterNode, ClusterReply } from '../../src/contract/api/cluster.js';
export type { FilingBody } from '../../src/contract/api/tickets.js';
export type { Category, CategoriesReply, Subcategory } from '../../src/contract/api/categories.js';
export type { DispatchSuggestion, DispatchSuggestionReply } from '../../src/contract/api/dispatch.js';
export type { ErrorBody } from '../../src/contract/api/error-body.js';
export type { AgentQaSummary, QaCall, QaCallsReply, QaForm, QaFormsReply, QaItem, QaReview, QaReviewReply, QaSampleReply, QaSummaryReply, ReviewBody, SampleBody } from '../../src/contract/api/qa.js';
export type { QueueStats, QueuesReply } from '../../src/contract/api/queues.js';
export type { DailyReportReply, QueueDayReport } from '../../src/contract/api/reports.js';
export type { ReturnVisitListReply, ReturnVisitOrder } from '../../src/contract/api/return-visits.js';
export type { RecordingView, TicketDetail, TicketDetailReply, TicketReply, TicketSummary } from '../../src/contract/api/ticket-views.js';
export type { DecisionBody, SignBody, UnitRequestBody } from '../../src/contract/api/tickets.js';
export type { PendingRequestListReply, UnitOrder, UnitOrderDetail, UnitOrderListReply, UnitOrderReply } from '../../src/contract/api/unit-orders.js';
export type { UnitRequestView } from '../../src/contract/api/unit-request-view.js';
export type { HandlingUnit } from '../../src/contract/api/dispatch.js';
export type { ArticleDetail, ArticleKind, ArticleReply, ArticleSearchReply, ArticleStatus, ArticleStepBody, ArticleSummary, ArticleVersionView, ArticleWriteBody, KnowledgeReminderReply, UsedArticle } from '../../src/contract/api/knowledge.js';
/** A reason an editor should look at an article (the reminders' and the detail's flags). */
export type ArticleFlag = import('../../src/contract/api/knowledge.js').KnowledgeReminderReply['items'][number]['flag'];
export type { Analysis, AnalysisReport, ReportPeriod } from '../../src/contract/api/analysis.js';
export type { HotspotKind, HotspotState, HotspotStep, HotspotView } from '../../src/contract/api/hotspots.js';
/** The hotspot routes' shapes, typed from their schemas (the contract declares the schemas only). */
export type HotspotListReply = Static<typeof Hotspots.HotspotListReply>;
export type HotspotDetailReply = Static<typeof Hotspots.HotspotDetailReply>;
export type HotspotStepBody = Static<typeof Hotspots.HotspotStepBody>;
export type HotspotStepReply = Static<typeof Hotspots.HotspotStepReply>;
export type ProactiveOrderBody = Static<typeof Hotspots.ProactiveOrderBody>;
export type ProactiveOrderReply = Static<typeof Hotspots.ProactiveOrderReply>;
export type UnitsReply = Static<typeof Dispatch.UnitsReply>;
