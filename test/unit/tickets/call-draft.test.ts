// The merge rule of a call's draft with the call's facts (domain/tickets/call-draft.ts), pure.
import { describe, expect, it } from 'vitest';
import { draftColumns, type CallDraft } from '../../../src/domain/tickets/call-draft.js';

const empty: CallDraft = {
  callId: 'c1',
  agentId: '8001',
  writtenBy: '8001',
  requestType: null,
  categoryCode: null,
  title: '',
  description: '',
  location: '',
  area: '',
  urgency: null,
  confidential: false,
  returnVisitDeclined: false,
  articlesUsed: [],
  callerName: '',
  enterpriseName: '',
  enterpriseCreditCode: '',
  dueAt: null,
  submittedAt: null,
  submittedBy: null,
  updatedAt: 1,
};

describe('draftColumns', () => {
  it('an empty draft sets nothing and writes no history entry', () => {
    expect(draftColumns(empty)).toEqual({ columns: {}, event: null });
  });

  it('takes what the agent typed, trimmed, and leaves empty fields to the call’s facts', () => {
    const { columns, event } = draftColumns({ ...empty, requestType: 'complaint', dueAt: 99, title: '  噪音 ', callerName: '', enterpriseName: '示范科技' });
    expect(columns).toEqual({ requestType: 'complaint', dueAt: 99, title: '噪音', enterpriseName: '示范科技' });
    expect(event).toEqual({ kind: 'drafted', actor: '8001', data: { fields: ['title', 'enterpriseName', 'requestType'], during: 'call' } });
  });

  it('never names a column of the call’s facts', () => {
    const full = draftColumns({ ...empty, requestType: 'help', categoryCode: '0501', title: 'a', description: 'b', location: 'c', area: 'd', urgency: 'urgent', confidential: true, callerName: 'e', enterpriseName: 'f', enterpriseCreditCode: '91320100MA1XY21231', dueAt: 5, submittedAt: 7, submittedBy: '8001' });
    const facts = ['callerNumber', 'callStartedAt', 'callEndedAt', 'talkMs', 'ivrPath', 'recordings', 'agentId', 'queue', 'status', 'elderly'];
    for (const key of facts) expect(Object.keys(full.columns)).not.toContain(key);
    expect(full.columns).toMatchObject({ filedAt: 7, filedBy: '8001', enterpriseCreditCode: '91320100MA1XY21231' });
    expect(full.event?.kind).toBe('filed');
  });

  it('keeps a credit code that is not valid out of the ticket but in the history entry', () => {
    const { columns, event } = draftColumns({ ...empty, enterpriseCreditCode: '913201' });
    expect(columns).toEqual({});
    expect(event?.data).toEqual({ fields: [], during: 'call', notCarried: { enterpriseCreditCode: '913201' } });
  });

  it('carries the citizen’s no to return visits; an unticked box leaves the ticket as it is', () => {
    const { columns, event } = draftColumns({ ...empty, returnVisitDeclined: true });
    expect(columns).toEqual({ returnVisitDeclined: true });
    expect(event?.data).toEqual({ fields: ['returnVisitDeclined'], during: 'call' });
    expect(Object.keys(draftColumns({ ...empty, title: 'a' }).columns)).not.toContain('returnVisitDeclined');
  });

  it('carries the articles quoted during the call, each once, and names them in the history entry; none leaves the ticket’s', () => {
    const { columns, event } = draftColumns({ ...empty, articlesUsed: [{ id: 5, version: 1 }, { id: 5, version: 1 }, { id: 2, version: 3 }] });
    expect(columns).toEqual({ articlesUsed: [{ id: 5, version: 1 }, { id: 2, version: 3 }] });
    expect(event?.data).toEqual({ fields: ['articlesUsed'], during: 'call', articlesUsed: [{ id: 5, version: 1 }, { id: 2, version: 3 }] });
    expect(Object.keys(draftColumns({ ...empty, title: 'a' }).columns)).not.toContain('articlesUsed');
  });

  it('a due time without a request type is not carried', () => {
    expect(draftColumns({ ...empty, dueAt: 5 }).columns).toEqual({});
  });
});
