// Start-up of the knowledge search: the synonym table (KNOWLEDGE_SYNONYMS_INVALID when bad) and the
// hotline words (KNOWLEDGE_WORDS_INVALID), the segmenter loaded once with both, and the empty index
// the knowledge service fills from the stored versions.
import { KNOWLEDGE_FILES, loadHotlineWords, loadSynonyms } from '../adapters/knowledge/knowledge-files.js';
import { JiebaSegmenter } from '../adapters/search/jieba-segmenter.js';
import { KnowledgeIndex, segmenterWords } from '../app/knowledge/knowledge-index.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import { readStartupFile } from './startup-file.js';

export interface KnowledgeSearchFiles {
  readonly synonyms: string;
  readonly hotlineWords: string;
}

export function startKnowledgeSearch(taxonomy: Taxonomy, files: KnowledgeSearchFiles = KNOWLEDGE_FILES): KnowledgeIndex {
  const synonyms = readStartupFile('KNOWLEDGE_SYNONYMS_INVALID', files.synonyms, () => loadSynonyms(files.synonyms));
  const words = readStartupFile('KNOWLEDGE_WORDS_INVALID', files.hotlineWords, () => loadHotlineWords(files.hotlineWords));
  return new KnowledgeIndex({
    segmenter: JiebaSegmenter.withWords(segmenterWords(synonyms, words)),
    synonyms,
    categoryName: (code) => taxonomy.byCode.get(code)?.sub.name,
  });
}
