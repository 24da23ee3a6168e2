// The screen pop (弹屏): what an agent sees of a call while their phone rings. The server builds it
// (app/screen-pop.ts) and the socket contract carries it to the desktop as it is: one shape for both.
import type { ArticleSummary } from '../knowledge/article.js';

export interface PopHistoryItem {
  readonly ticketId: number;
  readonly number: string;
  readonly status: string;
  readonly requestType: string | null;
  readonly categoryCode: string | null;
  readonly title: string | null;
  readonly createdAt: string;
  /** Not yet closed (and not a missed call). */
  readonly open: boolean;
}

/** An article the knowledge base suggests for the call (知识推荐): the knowledge core's summary, as the contract's ArticleSummary. */
export type PopArticle = ArticleSummary;

/** What the agent sees while their phone rings (弹屏). */
export interface ScreenPop {
  readonly callId: string;
  readonly agentId: string;
  readonly offeredAt: string;
  readonly caller: {
    /** In full: the agent may need to call back. Logs mask it. */
    readonly number: string;
    readonly name: string | null;
    readonly elderly: boolean;
    readonly enterprise: { readonly name: string; readonly creditCode: string } | null;
    /** Called at least `repeatThreshold` times in the last `repeatWindowDays` days. */
    readonly repeatCaller: boolean;
    readonly callsInWindow: number;
  };
  readonly repeatThreshold: number;
  readonly repeatWindowDays: number;
  readonly language: string;
  readonly queue: string | null;
  readonly queueName: string | null;
  readonly waitSeconds: number;
  /** The IVR path in words, e.g. "主菜单 → 按2 企业服务". */
  readonly ivrPath: string;
  /** The caller's tickets of the last 90 days, newest first. */
  readonly history: readonly PopHistoryItem[];
  /** A subcategory code suggested from the IVR choice, or null. */
  readonly suggestedCategory: string | null;
  /** Published articles valid on the call's day, for the IVR choice and the caller's categories (at most 5; empty when the knowledge base did not answer in time). */
  readonly articles: readonly PopArticle[];
}
