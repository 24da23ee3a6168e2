// A recording being measured when the catalog stops (the server closing its database after a call)
// writes nothing: the row stays pending for the next start's resume().
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/open-database.js';
import { RecordingStore } from '../../../src/adapters/db/recording-store.js';
import { TicketStore } from '../../../src/adapters/db/ticket-store.js';
import { RecordingCatalog } from '../../../src/app/recording-catalog.js';
import type { FileFacts } from '../../../src/app/ports/file-inspector.js';
import { createLogger } from '../../../src/logging/logger.js';
import { callFacts, T0 } from '../../helpers/call-facts.js';
import { FakeTimers } from '../../helpers/fake-timers.js';

describe('RecordingCatalog.stop', () => {
  it('drops a measurement that was in flight', async () => {
    const database = openDatabase(':memory:');
    await new TicketStore(database.db).closeCallWithTicket(callFacts('c1', { recordings: [{ name: 'call-c1', kind: 'conversation', format: 'wav', startedAt: T0 }] }), T0 + 6_000);
    const store = new RecordingStore(database.db);
    let answer: (facts: FileFacts) => void = () => undefined;
    const inspected = new Promise<FileFacts>((resolve) => (answer = resolve));
    const timers = new FakeTimers();
    const catalog = new RecordingCatalog({ store, dir: '/recordings', inspect: () => inspected, remove: async () => undefined, now: () => T0 + 7_000, logger: createLogger('silent'), retentionMs: 1_000, timers });
    catalog.watch('call-c1');
    timers.fireOnly();
    catalog.stop();
    answer({ complete: true, sizeBytes: 44, sha256: 'x', durationMs: 0, modifiedAt: T0 + 6_000 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await store.get('call-c1'))?.state).toBe('pending');
    database.close();
  });
});
