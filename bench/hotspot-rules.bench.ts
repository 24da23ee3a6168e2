// One call of the hotspot engine at a large city's size: ~50,000 day × category × area rows over the
// surge baseline and last year's season window, ~200,000 recent orders over the repeat look-back with
// 20,000 addresses, a handful of festival and harvest anchors. The service calls this every few minutes,
// so one call should stay well under 200 ms.
//
//   npx tsx bench/hotspot-rules.bench.ts [calls]
import { performance } from 'node:perf_hooks';
import { addDays, chinaInstant, type LocalDate } from '../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../src/domain/hotspots/find-hotspots.js';
import type { DayCount, HotspotInput, RecentOrder } from '../src/domain/hotspots/hotspot-facts.js';
import { summarize, table } from './stats.js';

const CALLS = Number(process.argv[2] ?? 20);
const DAY: LocalDate = '2026-09-10';

// A small deterministic generator, so every run measures the same input.
let seed = 12345;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const AREAS = Array.from({ length: 40 }, (_, i) => `第${i + 1}街道`);
const CATEGORIES = Array.from({ length: 21 }, (_, m) => Array.from({ length: 6 }, (_, s) => `${String(m + 1).padStart(2, '0')}${String(s + 1).padStart(2, '0')}`)).flat();
const ESTATES = Array.from({ length: 2000 }, (_, i) => `${['幸福', '阳光', '锦绣', '和平', '东方'][i % 5]}${i}${['小区', '花园', '家园', '苑'][i % 4]}`);
const ROADS = Array.from({ length: 500 }, (_, i) => `${['人民', '建设', '解放', '中山'][i % 4]}${i}路`);

function dayCounts(): DayCount[] {
  const rows: DayCount[] = [];
  // The surge baseline (and its run): 60 days; last year's season window: 70 days. 130 days × ~385 cells.
  const days = [...Array.from({ length: 60 }, (_, i) => addDays(DAY, -i)), ...Array.from({ length: 70 }, (_, i) => addDays(DAY, -365 - 30 + i))];
  for (const day of days) {
    for (let i = 0; i < 385; i++) rows.push({ day, categoryCode: pick(CATEGORIES), area: pick(AREAS), count: 1 + Math.floor(random() * 8) });
  }
  return rows;
}

function recent(): RecentOrder[] {
  const orders: RecentOrder[] = [];
  const start = chinaInstant(addDays(DAY, -96));
  const span = chinaInstant(addDays(DAY, 1)) - start;
  for (let id = 1; id <= 200_000; id++) {
    const createdAt = start + Math.floor(random() * span);
    const location = random() < 0.7 ? `${pick(ESTATES)}${1 + Math.floor(random() * 12)}号楼${1 + Math.floor(random() * 4)}单元${101 + Math.floor(random() * 20)}` : `${pick(ROADS)}${1 + Math.floor(random() * 200)}号`;
    orders.push({
      id,
      createdAt,
      categoryCode: pick(CATEGORIES),
      area: pick(AREAS),
      location,
      callerNumber: `139${String(Math.floor(random() * 150_000)).padStart(8, '0')}`,
      repliedAt: random() < 0.8 ? createdAt + 3 * 86_400_000 : null,
    });
  }
  return orders;
}

const input: HotspotInput = {
  day: DAY,
  dayCounts: dayCounts(),
  recent: recent(),
  seasons: [
    { name: '中秋节', kind: 'festival', start: '2026-09-25', lastYearStart: '2025-10-01' },
    { name: '秋收', kind: 'harvest', start: '2026-09-20', lastYearStart: '2025-09-20' },
  ],
};

// Wall time and this process's CPU time: on a shared machine the second says what the engine costs.
const wall: number[] = [];
const cpu: number[] = [];
let findings = 0;
for (let i = 0; i < CALLS + 2; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  findings = findHotspots(input, DEFAULT_HOTSPOT_SETTINGS).length;
  const used = process.cpuUsage(c);
  if (i >= 2) {
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
}
const summary = { wall: summarize(wall), cpu: summarize(cpu) };
console.log(table(`findHotspots over ${input.dayCounts.length} day counts and ${input.recent.length} recent orders (ms), ${findings} findings`, { 'one call, wall': summary.wall, 'one call, CPU': summary.cpu }));
console.log(JSON.stringify({ bench: 'hotspot-rules', dayCounts: input.dayCounts.length, recent: input.recent.length, findings, unit: 'ms', ...summary }));
