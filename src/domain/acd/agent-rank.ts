// Which available agent takes a call: longest idle first, with skill level worth extra idle time.
//
//   score(agent) = (now - idleSince) + (level - 1) * levelBonus          (higher wins)
//
// where `level` is the agent's weakest level among the skills the call needs (a call needing
// enterprise + lang-en is only as well served as the weaker of the two). With the default bonus of
// 60 s, a level-3 agent is preferred over a level-1 agent unless the level-1 agent has been idle more
// than 2 minutes longer — experts get more of the calls without the others sitting idle for ever.
// As with calls, the comparison does not depend on `now`, so the heap key is
// `rank = idleSince - (level - 1) * levelBonus` (lower first), ties broken by agent id.
import type { SkillLevel } from './acd-config.js';

export interface AgentEntry {
  readonly agentId: string;
  readonly rank: number;
}

export function agentRank(idleSince: number, level: SkillLevel, levelBonusSeconds: number): number {
  return idleSince - (level - 1) * levelBonusSeconds * 1000;
}

export function agentBefore(a: AgentEntry, b: AgentEntry): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.agentId < b.agentId);
}
