// The knowledge base's settings: what an empty store is filled with, how often other servers' edits
// are read, and the refusals of values that mean nothing.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('the knowledge settings', () => {
  it('fill an empty store with the hand-written articles and read changes every 5 s by default', () => {
    const { knowledge } = loadConfig({});
    expect(knowledge.seed).toEqual({ kind: 'fixtures' });
    expect(knowledge.refreshMs).toBe(5_000);
    expect(knowledge.responsibilitiesFile.endsWith('fixtures/knowledge/responsibilities.yaml')).toBe(true);
  });

  it('take none, fixtures or a count of generated articles, and a refresh of whole seconds', () => {
    expect(loadConfig({ HOTLINE_KNOWLEDGE_SEED: 'none' }).knowledge.seed).toEqual({ kind: 'none' });
    expect(loadConfig({ HOTLINE_KNOWLEDGE_SEED: '3000' }).knowledge.seed).toEqual({ kind: 'generated', count: 3000 });
    expect(loadConfig({ HOTLINE_KNOWLEDGE_REFRESH_SECONDS: '2' }).knowledge.refreshMs).toBe(2_000);
  });

  it('refuse what is not one of them', () => {
    for (const seed of ['all', '-1', '1e3', '3000.5', '100001']) expect(() => loadConfig({ HOTLINE_KNOWLEDGE_SEED: seed }), seed).toThrow(ConfigError);
    for (const seconds of ['0', '1.5', 'soon']) expect(() => loadConfig({ HOTLINE_KNOWLEDGE_REFRESH_SECONDS: seconds }), seconds).toThrow(/HOTLINE_KNOWLEDGE_REFRESH_SECONDS/);
  });
});
