// The call's draft in a database file: saved, the server stops, a new one opens the same file
// (running the migrations again) and finds the draft; the ticket written then (as the restart's
// settlement writes it) carries it, and a save after the ticket is refused and changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../../src/adapters/db/draft-store.js';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/db/open-database.js';
import { TicketStore } from '../../../src/adapters/db/ticket-store.js';
import type { CallDraft } from '../../../src/domain/tickets/call-draft.js';
import { callFacts, T0 } from '../../helpers/call-facts.js';

const draft: Omit<CallDraft, 'updatedAt'> = {
  callId: 'linked-1',
  agentId: '8001',
  writtenBy: '8001',
  requestType: 'help',
  categoryCode: '0501',
  title: '老人走失',
  description: '父亲早上出门未归，有阿尔茨海默病。',
  location: '',
  area: '鼓楼区',
  urgency: 'very-urgent',
  confidential: true,
  returnVisitDeclined: true,
  articlesUsed: [{ id: 7, version: 2 }],
  callerName: '',
  enterpriseName: '',
  enterpriseCreditCode: '',
  dueAt: T0 + 86_400_000,
  submittedAt: null,
  submittedBy: null,
};

describe('DraftStore over a database file', () => {
  const opened: OpenDatabase[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-drafts-'));
  afterEach(() => {
    for (const database of opened.splice(0)) database.close();
  });
  const open = (file: string): OpenDatabase => {
    const database = openDatabase(file);
    opened.push(database);
    return database;
  };

  it('keeps a draft across a restart, and the ticket written after it carries the draft', async () => {
    const file = path.join(dir, 'restart.db');
    const first = open(file);
    expect(await new DraftStore(first.db).save(draft, T0 + 20_000)).toMatchObject({ saved: true, draft: { ...draft, updatedAt: T0 + 20_000 } });
    first.close();
    opened.splice(0);

    const second = open(file);
    const drafts = new DraftStore(second.db);
    expect(await drafts.get('linked-1')).toEqual({ ...draft, updatedAt: T0 + 20_000 });
    const facts = callFacts('linked-1', { queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000 });
    const { ticket } = await new TicketStore(second.db).closeCallWithTicket(facts, T0 + 70_010);
    expect(ticket).toMatchObject({ callerNumber: '13800001111', agentId: '8001', talkMs: 60_000, requestType: 'help', title: '老人走失', area: '鼓楼区', urgency: 'very-urgent', confidential: true, returnVisitDeclined: true, articlesUsed: [{ id: 7, version: 2 }], dueAt: T0 + 86_400_000, location: null });
    expect(await drafts.get('linked-1')).toBeUndefined();
    // A save that arrives after the ticket's transaction is refused and leaves no row behind.
    expect(await drafts.save({ ...draft, title: '晚到' }, T0 + 70_020)).toEqual({ saved: false, reason: 'closed' });
    expect(await drafts.get('linked-1')).toBeUndefined();
  });

  it('replaces the draft on each save, keeping one row per call', async () => {
    const database = open(':memory:');
    const drafts = new DraftStore(database.db);
    await drafts.save(draft, T0);
    await drafts.save({ ...draft, title: '改', submittedAt: T0 + 5, submittedBy: '8001' }, T0 + 10);
    expect(await drafts.get('linked-1')).toMatchObject({ title: '改', submittedAt: T0 + 5, updatedAt: T0 + 10 });
    expect(database.sqlite.prepare('select count(*) as n, min(created_at) as created from call_drafts').get()).toEqual({ n: 1, created: T0 });
  });
});
