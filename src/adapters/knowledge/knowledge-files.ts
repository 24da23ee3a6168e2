// Reads the knowledge base's data files through the one data-file loader: the synonym table, the
// hotline words the segmenter keeps whole, and the hand-written articles; a bad file throws
// DataFileError with every problem listed.
import type { SeedArticle } from '../../domain/knowledge/seed-article.js';
import { parseSeedArticles } from '../../domain/knowledge/seed-article.js';
import { parseHotlineWords, parseSynonyms, type SynonymTable } from '../../domain/knowledge/synonyms.js';
import { loadDataFile } from '../files/data-file.js';

export const KNOWLEDGE_FILES = {
  synonyms: 'fixtures/knowledge/synonyms.yaml',
  hotlineWords: 'fixtures/knowledge/hotline-words.yaml',
  articles: 'fixtures/knowledge/articles.yaml',
} as const;

export function loadSynonyms(file: string = KNOWLEDGE_FILES.synonyms): SynonymTable {
  return loadDataFile(file, parseSynonyms);
}

export function loadHotlineWords(file: string = KNOWLEDGE_FILES.hotlineWords): readonly string[] {
  return loadDataFile(file, parseHotlineWords);
}

export function loadSeedArticles(file: string = KNOWLEDGE_FILES.articles): readonly SeedArticle[] {
  return loadDataFile(file, parseSeedArticles);
}
