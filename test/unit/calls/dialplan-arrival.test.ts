import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DialplanArrival } from '../../../src/app/calls/dialplan-arrival.js';
import type { ArrivalFacts } from '../../../src/app/ports/arrival-facts.js';
import type { CallerInfo } from '../../../src/domain/callers/caller-info.js';
import { compileFlowsToDialplan } from '../../../src/domain/ivr/dialplan-compiler.js';
import { FakeTimers } from '../../helpers/fake-timers.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

/** What the server asked of the phone system, in order. */
class RecordedFacts implements ArrivalFacts {
  readonly asked: string[] = [];
  modules = true;
  failNext = false;

  setGlobal(name: string, value: string): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('AMI_NOT_CONNECTED'));
    }
    this.asked.push(`${name}=${value}`);
    return Promise.resolve();
  }

  publishCallers(callers: ReadonlyMap<string, string>, version: string): Promise<void> {
    this.asked.push(`callers ${version} ${[...callers].map(([n, f]) => `${n}:${f}`).join(' ')}`);
    return Promise.resolve();
  }

  canDecide(): Promise<boolean> {
    return Promise.resolve(this.modules);
  }
}

const HOUR = 3_600_000;
const compiled = compileFlowsToDialplan(shippedFlowSet(), 'survey');

function arrival(registry: Map<string, CallerInfo>, now: { t: number }) {
  const facts = new RecordedFacts();
  const timers = new FakeTimers();
  // Open from 09:00 to 17:00 of every day of the test.
  const hours = { isOpen: (_: string, at: number) => at % (24 * HOUR) >= 9 * HOUR && at % (24 * HOUR) < 17 * HOUR, hoursChange: (_: string, at: number) => (at % (24 * HOUR) < 9 * HOUR ? 9 * HOUR : 17 * HOUR) + Math.floor(at / (24 * HOUR)) * 24 * HOUR };
  const service = new DialplanArrival({ app: 'hl', facts, registered: () => registry, setup: () => ({ ivr: { flows: shippedFlowSet(), ...hours }, language: 'zh-CN' }), timers, now: () => now.t, logger: pino({ level: 'silent' }) });
  return { facts, timers, service };
}

describe('the compiled menus\' arrival facts kept in Asterisk', () => {
  it('names the version only after the registries, the language and the hours are written, and writes the hours again at their change', async () => {
    const now = { t: 8.5 * HOUR };
    const { facts, timers, service } = arrival(new Map([['13900000065', { elderly: true, enterprise: null }], ['13800000000', { elderly: false, enterprise: null }]]), now);
    service.menusInstalled(compiled);
    await service.settled();
    const schedules = compiled.schedules;
    expect(schedules.length).toBeGreaterThan(0);
    const closed = schedules.map((id) => `change:${id}@${(9 * HOUR) / 1000}/`).join('');
    expect(facts.asked).toEqual([expect.stringMatching(/^callers [0-9a-f]{8} 13900000065:caller:elderly\/ anonymous:caller:anonymous\/$/), 'HOTLINE_IVR_LANG_hl=zh-CN', `HOTLINE_HOURS_hl=${closed}`, `HOTLINE_MENUS_hl=${compiled.version}`]);
    expect(timers.msOf('hours')).toBe(HOUR / 2 + 50);
    now.t = 9 * HOUR + 50;
    timers.fire('hours');
    await service.settled();
    const open = `${schedules.map((id) => `open:${id}/`).join('')}${schedules.map((id) => `change:${id}@${(17 * HOUR) / 1000}/`).join('')}`;
    // Registries unchanged and the version already named: only the hours are written.
    expect(facts.asked.slice(4)).toEqual(['HOTLINE_IVR_LANG_hl=zh-CN', `HOTLINE_HOURS_hl=${open}`]);
  });

  it('takes new callers away from the menus while new flows are installed, and when the modules are missing', async () => {
    const { facts, service } = arrival(new Map(), { t: 0 });
    service.menusInstalled(compiled);
    await service.settled();
    service.flowsChanged();
    await service.settled();
    expect(facts.asked.at(-1)).toBe('HOTLINE_MENUS_hl=');
    facts.modules = false;
    service.menusInstalled(compiled);
    await service.settled();
    expect(facts.asked.at(-1)).toBe('HOTLINE_MENUS_hl=');
    expect(facts.asked.filter((a) => a === `HOTLINE_MENUS_hl=${compiled.version}`)).toHaveLength(1);
  });

  it('writes the registries again when their files change or the link came back, and clears the version when a write fails', async () => {
    const registry = new Map<string, CallerInfo>([['13900000065', { elderly: true, enterprise: null }]]);
    const { facts, service } = arrival(registry, { t: 0 });
    service.menusInstalled(compiled);
    await service.settled();
    registry.set('02583001234', { elderly: false, enterprise: { name: 'x', creditCode: 'y' } });
    service.registriesChanged();
    await service.settled();
    expect(facts.asked.filter((a) => a.startsWith('callers ')).at(-1)).toMatch(/ 13900000065:caller:elderly\/ 02583001234:caller:enterprise\/ anonymous:caller:anonymous\/$/);
    service.linkUp();
    facts.failNext = true;
    service.menusInstalled(compiled);
    await service.settled();
    expect(facts.asked.at(-1)).toBe('HOTLINE_MENUS_hl=');
    expect(facts.asked.filter((a) => a.startsWith('callers '))).toHaveLength(3);
  });
});
