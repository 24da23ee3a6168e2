// The knowledge base's settings (read from the environment by config.ts) checked and typed: what an
// empty store is filled with at start, how often other servers' edits are read, and the
// responsibility lists' file.
import path from 'node:path';
import type { Setting } from './config-setting.js';

export interface KnowledgeConfig {
  /** An empty store at start: left empty, filled with the hand-written articles, or with those and this many generated ones. */
  readonly seed: { readonly kind: 'none' } | { readonly kind: 'fixtures' } | { readonly kind: 'generated'; readonly count: number };
  /** How often the versions other servers changed are read into this server's index. */
  readonly refreshMs: number;
  readonly responsibilitiesFile: string;
}

export const KNOWLEDGE_SETTINGS: readonly Setting[] = [
  { name: 'HOTLINE_KNOWLEDGE_SEED', fallback: 'fixtures', doc: 'What an empty knowledge base is filled with at start, all published: "none", "fixtures" (the hand-written articles of fixtures/knowledge/articles.yaml) or a number (those and that many generated ones; `npm start` uses 3000 when this is not set).' },
  { name: 'HOTLINE_KNOWLEDGE_REFRESH_SECONDS', fallback: '5', doc: "How often a server reads the article versions other servers changed into its search index (1 or more); its own changes are read at once." },
  { name: 'HOTLINE_RESPONSIBILITIES_FILE', fallback: 'fixtures/knowledge/responsibilities.yaml', doc: 'The units\' responsibility lists (职责清单): matters, lead and assisting units, basis (依据) and boundary (边界); the dispatch suggestion cites them.' },
];

/** Generated articles beyond this would make the start slow for nothing a demo needs. */
const MAX_GENERATED = 100_000;

export function parseKnowledgeConfig(read: (name: string) => string): KnowledgeConfig | string {
  const seedText = read('HOTLINE_KNOWLEDGE_SEED');
  const count = Number(seedText);
  let seed: KnowledgeConfig['seed'];
  if (seedText === 'none' || seedText === 'fixtures') seed = { kind: seedText };
  else if (/^\d+$/.test(seedText) && count <= MAX_GENERATED) seed = { kind: 'generated', count };
  else return `HOTLINE_KNOWLEDGE_SEED must be none, fixtures or a whole number up to ${MAX_GENERATED}, got "${seedText}"`;
  const refresh = Number(read('HOTLINE_KNOWLEDGE_REFRESH_SECONDS'));
  if (!Number.isInteger(refresh) || refresh < 1) return `HOTLINE_KNOWLEDGE_REFRESH_SECONDS must be a whole number (1 or more), got "${read('HOTLINE_KNOWLEDGE_REFRESH_SECONDS')}"`;
  return { seed, refreshMs: refresh * 1000, responsibilitiesFile: path.resolve(read('HOTLINE_RESPONSIBILITIES_FILE')) };
}
