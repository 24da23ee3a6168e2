// Documents for the engine's unit tests: the words are given as the segmenter would give them, so
// the tests exercise the engine alone (segmentation has its own tests with the real segmenter).
import type { FieldText } from '../../../src/domain/knowledge/search/document-terms.js';
import { normaliseText } from '../../../src/domain/knowledge/search/normalise-text.js';
import type { EngineDocument } from '../../../src/domain/knowledge/search/search-engine.js';

export interface DocSpec {
  readonly id: number;
  readonly title: string;
  readonly body?: string;
  /** Words of title and body together; by default none (bigrams and characters only). */
  readonly words?: readonly string[];
  readonly audience?: 'agents' | 'editors';
  readonly categoryCodes?: readonly string[];
  readonly kind?: string;
  readonly status?: string;
  readonly ownerUnit?: string | null;
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  readonly updatedAt?: number;
  readonly version?: number;
}

function field(text: string, words: readonly string[], weight: number, referenceLength: number): FieldText {
  const normal = normaliseText(text);
  return { text: normal, words: words.filter((w) => normal.includes(w)), weight, referenceLength };
}

export function doc(spec: DocSpec): EngineDocument {
  const body = spec.body ?? '';
  return {
    id: spec.id,
    version: spec.version ?? 1,
    audience: spec.audience ?? 'agents',
    categoryCodes: spec.categoryCodes ?? [],
    kind: spec.kind ?? 'faq',
    status: spec.status ?? 'published',
    ownerUnit: spec.ownerUnit ?? null,
    validFrom: spec.validFrom ?? null,
    validTo: spec.validTo ?? null,
    updatedAt: spec.updatedAt ?? spec.id * 1000,
    passageText: body,
    fields: [field(spec.title, spec.words ?? [], 3, 16), field(body, spec.words ?? [], 1, 240)],
  };
}

/** A query as the app passes it: normalised text and the words of it. */
export function text(typed: string, words: readonly string[] = []): { normalised: string; words: readonly string[] } {
  return { normalised: normaliseText(typed), words };
}
