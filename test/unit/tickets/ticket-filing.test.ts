import { beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../../src/adapters/flows/schedule-loader.js';
import { loadCategories } from '../../../src/adapters/tickets/category-file.js';
import type { WorkingCalendar } from '../../../src/domain/calendar/china-calendar.js';
import { isValidCreditCode } from '../../../src/domain/callers/credit-code.js';
import type { Taxonomy } from '../../../src/domain/tickets/categories.js';
import { checkFiling, filingChanges, type TicketFiling } from '../../../src/domain/tickets/ticket-filing.js';

const VALID_CREDIT_CODE = '91350100M000100Y43';

let taxonomy: Taxonomy;
let calendar: WorkingCalendar;

beforeAll(() => {
  taxonomy = loadCategories('fixtures/categories.yaml');
  const loaded = loadCalendar('fixtures/calendar');
  if (!loaded.calendar) throw new Error(`fixtures/calendar is invalid: ${JSON.stringify(loaded.problems)}`);
  calendar = loaded.calendar;
});

/** Epoch ms of a China local time (UTC+8), written by hand. */
const cst = (date: string, time: string): number => Date.parse(`${date}T${time}:00.000+08:00`);

describe('checkFiling', () => {
  it('the fixtures are what the cases below rely on', () => {
    expect(isValidCreditCode(VALID_CREDIT_CODE)).toBe(true);
    expect(taxonomy.byCode.get('0201')?.sub.name).toBe('物业管理');
    expect(taxonomy.byCode.has('02')).toBe(false);
    expect(taxonomy.categories.some((c) => c.code === '02')).toBe(true);
  });

  it('accepts an empty filing and a complete valid one', () => {
    expect(checkFiling({}, taxonomy)).toEqual([]);
    const filing: TicketFiling = {
      requestType: 'complaint',
      categoryCode: '0201',
      title: '物业不作为',
      description: '小区电梯长期无人维修',
      location: '鼓楼区某小区',
      area: '鼓楼区',
      urgency: 'urgent',
      confidential: true,
      callerName: '王先生',
      enterpriseName: '某物业公司',
      enterpriseCreditCode: VALID_CREDIT_CODE,
    };
    expect(checkFiling(filing, taxonomy)).toEqual([]);
  });

  it.each(['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'])('accepts request type %s', (requestType) => {
    expect(checkFiling({ requestType }, taxonomy)).toEqual([]);
  });

  it.each(['normal', 'urgent', 'very-urgent'])('accepts urgency %s', (urgency) => {
    expect(checkFiling({ urgency }, taxonomy)).toEqual([]);
  });

  it('refuses an unknown request type', () => {
    for (const requestType of ['', 'complain', 'Consultation', '咨询']) {
      expect(checkFiling({ requestType }, taxonomy)).toEqual([{ code: 'TICKET_TYPE_UNKNOWN', field: 'requestType' }]);
    }
  });

  it('refuses an unknown category, and a major-only code', () => {
    for (const categoryCode of ['02', '01', '9999', '0299', '', '201']) {
      expect(checkFiling({ categoryCode }, taxonomy), categoryCode).toEqual([{ code: 'TICKET_CATEGORY_UNKNOWN', field: 'categoryCode' }]);
    }
  });

  it('refuses an unknown urgency', () => {
    for (const urgency of ['high', 'Urgent', '', '紧急']) {
      expect(checkFiling({ urgency }, taxonomy)).toEqual([{ code: 'TICKET_URGENCY_UNKNOWN', field: 'urgency' }]);
    }
  });

  it('refuses a bad credit code and accepts null (no enterprise)', () => {
    for (const enterpriseCreditCode of ['91350100M000100Y44', '91350100M000100Y4', 'not-a-code', '91350100m000100y43', '']) {
      expect(checkFiling({ enterpriseCreditCode }, taxonomy), enterpriseCreditCode).toEqual([
        { code: 'TICKET_CREDIT_CODE_INVALID', field: 'enterpriseCreditCode' },
      ]);
    }
    expect(checkFiling({ enterpriseCreditCode: null }, taxonomy)).toEqual([]);
  });

  it('reports every problem at once, in field order', () => {
    expect(checkFiling({ requestType: 'x', categoryCode: '02', urgency: 'x', enterpriseCreditCode: 'x' }, taxonomy)).toEqual([
      { code: 'TICKET_TYPE_UNKNOWN', field: 'requestType' },
      { code: 'TICKET_CATEGORY_UNKNOWN', field: 'categoryCode' },
      { code: 'TICKET_URGENCY_UNKNOWN', field: 'urgency' },
      { code: 'TICKET_CREDIT_CODE_INVALID', field: 'enterpriseCreditCode' },
    ]);
  });
});

describe('filingChanges', () => {
  const receivedAt = cst('2026-03-10', '09:30'); // a Tuesday

  it('copies only the fields given, and sets no due time without a request type', () => {
    expect(filingChanges({}, receivedAt, calendar)).toEqual({});
    expect(filingChanges({ title: '噪音', confidential: false }, receivedAt, calendar)).toEqual({ title: '噪音', confidential: false });
    expect(filingChanges({ enterpriseName: null, enterpriseCreditCode: null }, receivedAt, calendar)).toEqual({
      enterpriseName: null,
      enterpriseCreditCode: null,
    });
    const changes = filingChanges({ categoryCode: '0102', urgency: 'very-urgent', callerName: '李女士' }, receivedAt, calendar);
    expect(changes).toEqual({ categoryCode: '0102', urgency: 'very-urgent', callerName: '李女士' });
    expect(Object.keys(changes).sort()).toEqual(['callerName', 'categoryCode', 'urgency']);
  });

  it('copies every filing field and adds the due time for a request type', () => {
    const filing: TicketFiling = {
      requestType: 'help',
      categoryCode: '0203',
      title: '电梯故障',
      description: '3 号楼电梯困人',
      location: '3 号楼',
      area: '台江区',
      urgency: 'urgent',
      confidential: true,
      returnVisitDeclined: true,
      callerName: '陈先生',
      enterpriseName: '某物业公司',
      enterpriseCreditCode: VALID_CREDIT_CODE,
    };
    // Tuesday 2026-03-10 + 4 working days (no holiday near) = Monday 2026-03-16, 24:00 China time.
    expect(filingChanges(filing, receivedAt, calendar)).toEqual({ ...filing, dueAt: Date.UTC(2026, 2, 16, 16, 0, 0) });
  });

  it('carries the citizen’s answer on return visits either way, and leaves it alone when not given', () => {
    expect(filingChanges({ returnVisitDeclined: true }, receivedAt, calendar)).toEqual({ returnVisitDeclined: true });
    expect(filingChanges({ returnVisitDeclined: false }, receivedAt, calendar)).toEqual({ returnVisitDeclined: false });
    expect(filingChanges({ title: 't' }, receivedAt, calendar)).not.toHaveProperty('returnVisitDeclined');
  });

  it('keeps the articles used as the whole list, each article once (its first version), at most 10', () => {
    const refs = [{ id: 4, version: 2 }, { id: 9, version: 1 }, { id: 4, version: 3 }];
    expect(filingChanges({ articlesUsed: refs }, receivedAt, calendar)).toEqual({ articlesUsed: [{ id: 4, version: 2 }, { id: 9, version: 1 }] });
    expect(filingChanges({ articlesUsed: [] }, receivedAt, calendar)).toEqual({ articlesUsed: [] });
    const many = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, version: 1 }));
    expect(filingChanges({ articlesUsed: many }, receivedAt, calendar).articlesUsed?.map((ref) => ref.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(filingChanges({ title: 't' }, receivedAt, calendar)).not.toHaveProperty('articlesUsed');
  });

  it('leaves out an unknown request type and its due time', () => {
    expect(filingChanges({ requestType: 'complain', title: 't' }, receivedAt, calendar)).toEqual({ title: 't' });
  });

  it('consultation on an ordinary weekday: 24:00 China time of the next working day, whatever the hour', () => {
    const due = Date.UTC(2026, 2, 11, 16, 0, 0); // Wednesday 2026-03-11 24:00 China time
    expect(filingChanges({ requestType: 'consultation' }, cst('2026-03-10', '00:00'), calendar).dueAt).toBe(due);
    expect(filingChanges({ requestType: 'consultation' }, cst('2026-03-10', '23:59'), calendar).dueAt).toBe(due);
  });

  it('consultation received Friday 2026-02-13 18:00 China time is due at the end of the make-up Saturday 2026-02-14', () => {
    expect(calendar.dayInfo('2026-02-14').kind).toBe('makeup-workday');
    const friday = Date.UTC(2026, 1, 13, 10, 0, 0);
    expect(friday).toBe(cst('2026-02-13', '18:00'));
    expect(filingChanges({ requestType: 'consultation' }, friday, calendar)).toEqual({
      requestType: 'consultation',
      dueAt: Date.UTC(2026, 1, 14, 16, 0, 0),
    });
  });

  it('consultation received on that make-up Saturday waits out the nine-day Spring Festival break', () => {
    // 2026-02-15..23 are holidays; Tuesday 2026-02-24 is the first working day after.
    expect(filingChanges({ requestType: 'consultation' }, cst('2026-02-14', '10:00'), calendar).dueAt).toBe(Date.UTC(2026, 1, 24, 16, 0, 0));
  });

  it('a UTC evening that is already the next China day counts from that China day', () => {
    // 2026-03-10 17:00 UTC is Wednesday 2026-03-11 01:00 China time: due Thursday 2026-03-12 24:00.
    expect(filingChanges({ requestType: 'consultation' }, Date.UTC(2026, 2, 10, 17, 0, 0), calendar).dueAt).toBe(Date.UTC(2026, 2, 12, 16, 0, 0));
  });

  it('complaint received Tuesday 2025-09-30: four working days after the 国庆节、中秋节 break', () => {
    // From fixtures/calendar/2025.yaml: 10-01..10-08 holidays; working days after 09-30 are
    // Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 make-up (3), [Sun 10-12 off], Mon 10-13 (4).
    expect(calendar.dayInfo('2025-10-11').kind).toBe('makeup-workday');
    const due = Date.UTC(2025, 9, 13, 16, 0, 0);
    expect(filingChanges({ requestType: 'complaint' }, cst('2025-09-30', '09:00'), calendar).dueAt).toBe(due);
    expect(filingChanges({ requestType: 'complaint' }, cst('2025-09-30', '23:30'), calendar).dueAt).toBe(due);
  });

  it('consultation received Tuesday 2025-09-30 is due at the end of Thursday 2025-10-09', () => {
    expect(filingChanges({ requestType: 'consultation' }, cst('2025-09-30', '18:00'), calendar).dueAt).toBe(Date.UTC(2025, 9, 9, 16, 0, 0));
  });

  it('follows a given SLA policy and its cutoff', () => {
    const policy = { defaultDays: 2, byType: { consultation: 1 }, cutoffMinute: 17 * 60 + 30 };
    // Tuesday 2026-03-10: complaint → 2 working days → Thursday 2026-03-12 17:30 China time = 09:30 UTC.
    expect(filingChanges({ requestType: 'complaint' }, receivedAt, calendar, policy).dueAt).toBe(Date.UTC(2026, 2, 12, 9, 30, 0));
    expect(filingChanges({ requestType: 'consultation' }, receivedAt, calendar, policy).dueAt).toBe(Date.UTC(2026, 2, 11, 9, 30, 0));
  });
});
