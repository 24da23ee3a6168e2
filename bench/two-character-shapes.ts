// The two-character ticket searches both ticket benchmarks time (SQLite's and PostgreSQL's), one list
// so the two reports compare the same shapes: common, rare, scarce and absent words, first and deeper pages.
import type { TicketFilter } from '../src/app/ports/ticket-search.js';

/** The cursors of the deeper pages, read by each benchmark from its own store. */
export interface TwoCharacterCursors {
  readonly parking?: string | null | undefined;
  readonly rare?: string | null | undefined;
  readonly scarce?: string | null | undefined;
}

const after = (cursor: string | null | undefined): { cursor?: string } => (cursor ? { cursor } : {});

export function twoCharacterShapes(cursors: TwoCharacterCursors): Record<string, () => TicketFilter> {
  return {
    '2 chars 停车 (1 in 13), no time range': () => ({ text: '停车', limit: 50 }),
    '2 chars 停车, page 21 (cursor)': () => ({ text: '停车', limit: 50, ...after(cursors.parking) }),
    '2 chars 物业 (1 in 13), no time range': () => ({ text: '物业', limit: 50 }),
    '2 chars 社保 (1 in 5,500), no time range': () => ({ text: '社保', limit: 50 }),
    '2 chars 社保, page 3 (cursor)': () => ({ text: '社保', limit: 50, ...after(cursors.rare) }),
    '2 chars 医保 (1 in 550), no time range': () => ({ text: '医保', limit: 50 }),
    '2 chars 医保, page 21 (cursor)': () => ({ text: '医保', limit: 50, ...after(cursors.scarce) }),
    '2 chars with no match, no time range': () => ({ text: '核酸', limit: 50 }),
    '2 chars 停车 + status dispatched, no time range': () => ({ text: '停车', statuses: ['dispatched'], limit: 50 }),
  };
}
