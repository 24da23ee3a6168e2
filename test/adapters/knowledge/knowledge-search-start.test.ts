import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCategories } from '../../../src/adapters/tickets/category-file.js';
import { DataFileError } from '../../../src/adapters/files/data-file-error.js';
import { startKnowledgeSearch } from '../../../src/boot/knowledge-search.js';
import { StartupError } from '../../../src/boot/startup-error.js';

const taxonomy = loadCategories('fixtures/categories.yaml');
const files = { synonyms: 'fixtures/knowledge/synonyms.yaml', hotlineWords: 'fixtures/knowledge/hotline-words.yaml' };

function refusal(spoilt: Partial<typeof files>): { code: string; problems: string[] } {
  try {
    startKnowledgeSearch(taxonomy, { ...files, ...spoilt });
  } catch (error) {
    if (!(error instanceof StartupError) || !(error.cause instanceof DataFileError)) throw error;
    return { code: error.code, problems: error.cause.problems.map((p) => `${p.path} ${p.code}`) };
  }
  throw new Error('the spoilt file was accepted');
}

function tempFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'knowledge-')), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('starting the knowledge search', () => {
  it('builds an empty index from the shipped files that finds what is put into it, category names included', () => {
    const index = startKnowledgeSearch(taxonomy, files);
    expect(index.size).toBe(0);
    index.put({ id: 7, version: 1, audience: 'agents', title: '收费标准', body: '按月收取。', categoryCodes: ['0201'], kind: 'policy', ownerUnit: null, status: 'published', validFrom: null, validTo: null, updatedAt: 1 });
    expect(index.search({ audience: 'agents', text: '物业管理', offset: 0, limit: 5 }).hits.map((h) => h.id)).toEqual([7]);
  });

  it('refuses a bad synonym table under KNOWLEDGE_SYNONYMS_INVALID, every problem listed', () => {
    const file = tempFile('synonyms.yaml', 'groups:\n  - [社保]\n  - [社保, 社会保险]\n  - [医保, 12345]\n');
    expect(refusal({ synonyms: file })).toEqual({ code: 'KNOWLEDGE_SYNONYMS_INVALID', problems: ['groups[0] KNOWLEDGE_SYNONYM_INVALID_FIELD', 'groups[2] KNOWLEDGE_SYNONYM_INVALID_FIELD'] });
    expect(refusal({ synonyms: tempFile('s.yaml', 'groups: [[a, b]]\ngroups: [[c, d]]\n') }).code).toBe('KNOWLEDGE_SYNONYMS_INVALID');
  });

  it('refuses bad hotline words under KNOWLEDGE_WORDS_INVALID', () => {
    expect(refusal({ hotlineWords: tempFile('words.yaml', 'words: [飞线充电, "两个 词"]\n') })).toEqual({ code: 'KNOWLEDGE_WORDS_INVALID', problems: ['words[1] KNOWLEDGE_WORDS_INVALID_FIELD'] });
  });
});
