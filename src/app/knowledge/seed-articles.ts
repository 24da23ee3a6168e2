// Seed articles (hand-written or generated) as the index sees a published version: the demo, the
// tests and the benchmark index them without a store, under ids given in order.
import { articleCategories } from '../../domain/knowledge/article.js';
import type { SeedArticle } from '../../domain/knowledge/seed-article.js';
import type { IndexedArticle } from '../ports/knowledge-search.js';

export interface SeedPlacement {
  readonly id: number;
  readonly audience?: 'agents' | 'editors';
  readonly status?: string;
  readonly version?: number;
  /** Milliseconds; by default later ids are newer. */
  readonly updatedAt?: number;
}

/** 2026-01-01T00:00:00Z: seeds are dated from here, one minute apart. */
const SEED_EPOCH = 1_767_225_600_000;

export function indexedSeedArticle(seed: SeedArticle, placement: SeedPlacement): IndexedArticle {
  return {
    id: placement.id,
    version: placement.version ?? 1,
    audience: placement.audience ?? 'agents',
    status: placement.status ?? 'published',
    title: seed.title,
    body: seed.body,
    sourceDocument: seed.sourceDocument,
    sourceNumber: seed.sourceNumber,
    categoryCodes: articleCategories(seed),
    kind: seed.kind,
    ownerUnit: seed.ownerUnit,
    validFrom: seed.validFrom,
    validTo: seed.validTo,
    updatedAt: placement.updatedAt ?? SEED_EPOCH + placement.id * 60_000,
  };
}
