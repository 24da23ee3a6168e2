// QA reviews, the daily sample and the daily report's rows on both databases: the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFacts } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const day = Date.UTC(2027, 3, 1, 2, 0, 0);

async function seed(s: ContractStores): Promise<void> {
  const at = (offset: number) => ({ startedAt: day + offset, answeredAt: day + offset + 10, endedAt: day + offset + 5_000 });
  const answered = (offset: number) => ({ ...at(offset), agentId: '8001', queue: 'general', queuedAt: day + offset + 30, agentAnsweredAt: day + offset + 60, conversationEndedAt: day + offset + 4_000 });
  await s.tickets.closeCallWithTicket(callFacts('q1', answered(0)), day + 5_000);
  await s.tickets.closeCallWithTicket(callFacts('q2', { ...answered(1_000), agentId: '8002' }), day + 6_000);
  await s.tickets.closeCallWithTicket(callFacts('q3', { ...at(2_000), queue: 'general', queuedAt: day + 2_030, ivrPath: [{ at: day + 2_100, kind: 'outcome', outcome: 'callback-requested', detail: '3' }] }), day + 7_000);
  // q1 was filed as a consultation answered with two knowledge articles.
  const ticket = await s.tickets.getByCall('q1');
  if (ticket) await s.tickets.update(ticket.id, null, { requestType: 'consultation', articlesUsed: [{ id: 3, version: 1 }, { id: 9, version: 2 }] }, []);
  await s.tickets.closeCallWithTicket(callFacts('q4', { ...answered(3_000), ivrPath: [{ at: day + 3_000, kind: 'outcome', outcome: 'callback-of', detail: 'q3' }] }), day + 8_000);
}

describe.each(STORAGE_BACKENDS)('QA and reports on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('qa_reports');
    await seed(s);
  });
  afterAll(() => s.close());

  it('draws the sample from answered calls and keeps a day’s sample once drawn', async () => {
    const answered = await s.qa.answeredCalls(day, day + 86_400_000);
    expect([...answered].sort((a, b) => a.callId.localeCompare(b.callId))).toEqual([
      { callId: 'q1', agentId: '8001' },
      { callId: 'q2', agentId: '8002' },
      { callId: 'q4', agentId: '8001' },
    ]);
    await s.qa.saveSample('20270401', [{ callId: 'q1', agentId: '8001' }], 10, day);
    await s.qa.saveSample('20270401', [{ callId: 'q1', agentId: 'other' }, { callId: 'q2', agentId: '8002' }], 20, day + 1);
    const sample = await s.qa.sample('20270401');
    expect([...sample].sort((a, b) => a.callId.localeCompare(b.callId))).toEqual([
      { callId: 'q1', agentId: '8001', percent: 10 },
      { callId: 'q2', agentId: '8002', percent: 20 },
    ]);
  });

  it('keeps reviews with their items and reads them by time, agent and call', async () => {
    const review = await s.qa.addReview({ callId: 'q1', agentId: '8001', formId: 'standard', reviewer: 'qa1', total: 92, grade: 'A', fatalFailed: [], items: [{ id: 'greeting', score: 10 }], comment: '规范', createdAt: day + 10_000 });
    await s.qa.addReview({ callId: 'q2', agentId: '8002', formId: 'standard', reviewer: 'qa1', total: 55, grade: 'D', fatalFailed: ['privacy'], items: [], comment: null, createdAt: day + 20_000 });
    expect(review).toMatchObject({ callId: 'q1', total: 92, items: [{ id: 'greeting', score: 10 }], comment: '规范' });
    expect((await s.qa.reviews({ from: day, to: day + 86_400_000 })).map((r) => r.callId)).toEqual(['q1', 'q2']);
    expect((await s.qa.reviews({ from: day, to: day + 86_400_000, agentId: '8002' })).map((r) => r.fatalFailed)).toEqual([['privacy']]);
    expect((await s.qa.reviewsOfCalls(['q2', 'nope'])).map((r) => r.grade)).toEqual(['D']);
    expect(await s.qa.reviewsOfCalls([])).toEqual([]);
  });

  it('gives the daily report each offered call, leaving out the callbacks we placed', async () => {
    const rows = await s.reports.outcomes(day, day + 86_400_000);
    const sorted = [...rows].sort((a, b) => a.callStartedAt - b.callStartedAt);
    expect(sorted.map((r) => [r.callStartedAt - day, r.agentAnsweredAt === null ? null : r.agentAnsweredAt - day, r.callbackRequested, r.requestType, r.articlesUsed])).toEqual([
      [0, 60, false, 'consultation', 2],
      [1_000, 1_060, false, null, 0],
      [2_000, null, true, null, 0],
    ]);
  });
});
