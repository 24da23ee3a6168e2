// The filters of an article search, checked on each candidate document before it is scored.

export interface DocumentFacts {
  readonly id: number;
  readonly version: number;
  readonly audience: 'agents' | 'editors';
  readonly categoryCodes: readonly string[];
  readonly kind: string;
  readonly status: string;
  readonly ownerUnit: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly updatedAt: number;
}

export interface SearchFilter {
  readonly audience: 'agents' | 'editors';
  /** A subcategory (4 digits) or a major (2 digits). */
  readonly category?: string;
  readonly kind?: string;
  readonly status?: string;
  readonly ownerUnit?: string;
  /** Only documents valid on this calendar day (YYYY-MM-DD). */
  readonly validOn?: string;
}

export function passesFilter(doc: DocumentFacts, filter: SearchFilter): boolean {
  if (doc.audience !== filter.audience) return false;
  if (filter.kind !== undefined && doc.kind !== filter.kind) return false;
  if (filter.status !== undefined && doc.status !== filter.status) return false;
  if (filter.ownerUnit !== undefined && doc.ownerUnit !== filter.ownerUnit) return false;
  if (filter.category !== undefined && !inCategory(doc.categoryCodes, filter.category)) return false;
  return filter.validOn === undefined || validOn(doc, filter.validOn);
}

function inCategory(codes: readonly string[], category: string): boolean {
  return category.length === 2 ? codes.some((code) => code.startsWith(category)) : codes.includes(category);
}

function validOn(doc: DocumentFacts, day: string): boolean {
  return (doc.validFrom === null || doc.validFrom <= day) && (doc.validTo === null || doc.validTo >= day);
}
