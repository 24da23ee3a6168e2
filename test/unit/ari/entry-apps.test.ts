// Callers spread over several application names: the names, and the global the entry context reads.
import { describe, expect, it } from 'vitest';
import { announceEntryApps, entryAppNames, entryAppsVariable } from '../../../src/adapters/ari/ari-entry-apps.js';

describe('entry applications', () => {
  it('names the first after the server’s application and the others after it with their number', () => {
    expect(entryAppNames('hotline', 1)).toEqual(['hotline']);
    expect(entryAppNames('hotline', 4)).toEqual(['hotline', 'hotline-2', 'hotline-3', 'hotline-4']);
  });

  it('announces them in a global named after the first, with `&` between them (a comma splits dialplan arguments)', async () => {
    const set: [string, string][] = [];
    await announceEntryApps({ setGlobalVariable: (name, value) => Promise.resolve(void set.push([name, value])) }, entryAppNames('hotline', 3));
    expect(set).toEqual([[entryAppsVariable('hotline'), 'hotline&hotline-2&hotline-3']]);
    expect(entryAppsVariable('hotline')).toBe('HOTLINE_ENTRY_APPS_hotline');
  });

  it('announces one name as none, undoing the list of a server that had several', async () => {
    const set: [string, string][] = [];
    await announceEntryApps({ setGlobalVariable: (name, value) => Promise.resolve(void set.push([name, value])) }, ['hotline']);
    expect(set).toEqual([['HOTLINE_ENTRY_APPS_hotline', '']]);
  });
});
