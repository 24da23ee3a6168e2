// The demo's order history at start: nothing with `none`, about the asked count of orders over the 365
// days before today into a real SQLite database (numbered per day, the latest yesterday), and a broken
// areas file refused under its own start-up code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { loadYearSources } from '../../src/adapters/tickets/generated-year/index.js';
import { seedOrderHistory } from '../../src/boot/order-history.js';
import { sqliteStorage } from '../../src/boot/storage.js';
import { createLogger } from '../../src/logging/logger.js';

const { taxonomy, rules, calendar } = loadYearSources();
const NOW = Date.parse('2026-12-05T02:00:00Z');
const parts = (storage: ReturnType<typeof sqliteStorage>) => ({ store: storage.orderHistory, taxonomy, rules, calendar, now: () => NOW, logger: createLogger('silent') });
const config = (seed: string | number, areasFile = path.resolve('fixtures/areas.yaml')) => ({
  orderHistory: { seed: seed === 'none' ? ({ kind: 'none' } as const) : ({ kind: 'generated', count: Number(seed) } as const), areasFile },
});

describe('the order history seed', () => {
  it('writes nothing when set to none', async () => {
    const storage = sqliteStorage(openDatabase(':memory:'), ':memory:');
    expect(await seedOrderHistory(config('none'), parts(storage))).toBe(0);
    expect(storage.sqlite?.sqlite.prepare('select count(*) as n from tickets').get()).toEqual({ n: 0 });
  });

  it('fills an empty table with about the count over the year before today, numbered per day', async () => {
    const storage = sqliteStorage(openDatabase(':memory:'), ':memory:');
    const written = await seedOrderHistory(config(2000), parts(storage));
    expect(written).toBeGreaterThan(1600);
    expect(written).toBeLessThan(2600);
    const span = storage.sqlite?.sqlite.prepare('select min(number) as first, max(number) as last, count(distinct area) as areas from tickets').get();
    expect(span).toMatchObject({ first: expect.stringMatching(/^2025120[4-6]-000001$/), last: expect.stringMatching(/^20261204-0000\d\d$/), areas: 12 });
    expect(await seedOrderHistory(config(2000), parts(storage))).toBe(0);
    // Each order also feeds the two-character search index by trigger: seconds on a busy machine.
  }, 30_000);

  it('refuses a broken areas file under AREAS_INVALID', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'areas-'));
    const file = path.join(dir, 'areas.yaml');
    fs.writeFileSync(file, 'areas:\n  - { name: 甲街道, kind: district, size: 3, roads: [甲路], communities: [] }\n');
    const storage = sqliteStorage(openDatabase(':memory:'), ':memory:');
    await expect(seedOrderHistory(config(100, file), parts(storage))).rejects.toMatchObject({ code: 'AREAS_INVALID', message: expect.stringContaining('AREAS_INVALID_KIND') });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
