// The words of hotspot warnings (热点预警) the server sends: a warning's kind and state, the steps a
// supervisor takes on it and the entries of its history, and the tables of the analysis report's CSV.
import type { HotspotKind, HotspotState, HotspotStep } from '../../../src/contract/api/hotspots.js';
import type { REPORT_TABLES } from '../../../src/contract/api/analysis.js';
import type { Words } from './words.js';

export const HOTSPOT_KIND_WORDS: Words<HotspotKind> = {
  'zh-CN': { surge: '突增', cluster: '聚集', season: '季节性', repeat: '屡办不成' },
  en: { surge: 'Surge', cluster: 'Cluster', season: 'Seasonal', repeat: 'Repeat complaint' },
};

export const HOTSPOT_STATE_WORDS: Words<HotspotState> = {
  'zh-CN': { new: '新预警', sent: '已转办', handled: '已处置', dismissed: '已忽略' },
  en: { new: 'New', sent: 'Sent to unit', handled: 'Handled', dismissed: 'Dismissed' },
};

/** The buttons of the steps. */
export const HOTSPOT_STEP_WORDS: Words<HotspotStep> = {
  'zh-CN': { send: '转办', handle: '已处置', dismiss: '忽略', reopen: '重新打开' },
  en: { send: 'Send to unit', handle: 'Mark handled', dismiss: 'Dismiss', reopen: 'Reopen' },
};

/** A warning's history: the steps, its raising, and the proactive order made from it. */
export type HotspotHistoryStep = HotspotStep | 'raised' | 'order';
export const HOTSPOT_HISTORY_WORDS: Words<HotspotHistoryStep> = {
  'zh-CN': { raised: '系统预警', send: '转办', handle: '处置完毕', dismiss: '忽略', reopen: '重新打开', order: '生成主动治理工单' },
  en: { raised: 'Raised', send: 'Sent to unit', handle: 'Handled', dismiss: 'Dismissed', reopen: 'Reopened', order: 'Proactive order made' },
};

export type ReportTable = (typeof REPORT_TABLES)[number];
export const REPORT_TABLE_WORDS: Words<ReportTable> = {
  'zh-CN': { days: '每日话务量', hours: '分时话务量', categories: '热点分类', heat: '区域×分类', units: '承办单位', warnings: '热点预警' },
  en: { days: 'Per day', hours: 'Per hour', categories: 'Top categories', heat: 'Area × category', units: 'Units', warnings: 'Warnings' },
};
