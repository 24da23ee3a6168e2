// The settings groups that live in files of their own (outbound calls, follow-up, knowledge base, the
// demo's order history, hotspot warnings, analysis report), gathered for config.ts: their settings for
// the table of every setting, and their parsed values, or the first group's complaint.
import type { Setting } from './config-setting.js';
import { ANALYSIS_SETTINGS, parseAnalysisConfig, type AnalysisConfig } from './config-analysis.js';
import { FOLLOW_UP_SETTINGS, parseFollowUpConfig, type FollowUpConfig } from './config-follow-up.js';
import { HOTSPOT_SETTINGS, parseHotspotConfig, type HotspotConfig } from './config-hotspots.js';
import { KNOWLEDGE_SETTINGS, parseKnowledgeConfig, type KnowledgeConfig } from './config-knowledge.js';
import { ORDER_HISTORY_SETTINGS, parseOrderHistoryConfig, type OrderHistoryConfig } from './config-order-history.js';
import { OUTBOUND_SETTINGS, parseOutboundConfig, type OutboundConfig } from './config-outbound.js';

export const GROUP_SETTINGS: readonly Setting[] = [...OUTBOUND_SETTINGS, ...FOLLOW_UP_SETTINGS, ...KNOWLEDGE_SETTINGS, ...ORDER_HISTORY_SETTINGS, ...HOTSPOT_SETTINGS, ...ANALYSIS_SETTINGS];

export interface GroupConfigs {
  readonly outbound: OutboundConfig;
  readonly followUp: FollowUpConfig;
  readonly knowledge: KnowledgeConfig;
  readonly hotspots: HotspotConfig;
  readonly orderHistory: OrderHistoryConfig;
  readonly analysis: AnalysisConfig;
}

export function parseGroupConfigs(read: (name: string) => string): GroupConfigs | string {
  const outbound = parseOutboundConfig(read);
  if (typeof outbound === 'string') return outbound;
  const followUp = parseFollowUpConfig(read);
  if (typeof followUp === 'string') return followUp;
  const knowledge = parseKnowledgeConfig(read);
  if (typeof knowledge === 'string') return knowledge;
  const orderHistory = parseOrderHistoryConfig(read);
  if (typeof orderHistory === 'string') return orderHistory;
  const hotspots = parseHotspotConfig(read);
  if (typeof hotspots === 'string') return hotspots;
  const analysis = parseAnalysisConfig(read);
  if (typeof analysis === 'string') return analysis;
  return { outbound, followUp, knowledge, orderHistory, hotspots, analysis };
}
