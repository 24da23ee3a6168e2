// A rise found both in a major category and in its subcategories is one thing: the surge and season
// rules raise only the stronger side, the major alone or its subcategories, per area.
import type { HotspotFinding } from './hotspot-facts.js';

/** Of a major and its subcategories in one area, only the stronger side is raised: the major alone, or its subcategories. */
export function keepStronger(findings: readonly HotspotFinding[]): HotspotFinding[] {
  const bestSub = new Map<string, number>();
  for (const f of findings) {
    if ((f.categoryCode as string).length <= 2) continue;
    const key = `${(f.categoryCode as string).slice(0, 2)}\u0000${f.area ?? ''}`;
    bestSub.set(key, Math.max(bestSub.get(key) ?? -Infinity, f.score));
  }
  const majorWins = new Set<string>();
  for (const f of findings) {
    if ((f.categoryCode as string).length > 2) continue;
    const key = `${f.categoryCode as string}\u0000${f.area ?? ''}`;
    const sub = bestSub.get(key);
    if (sub === undefined || f.score > sub) majorWins.add(key);
  }
  return findings.filter((f) => {
    const code = f.categoryCode as string;
    const key = `${code.slice(0, 2)}\u0000${f.area ?? ''}`;
    return code.length <= 2 ? majorWins.has(key) : !majorWins.has(key);
  });
}
