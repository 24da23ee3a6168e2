import { describe, expect, it } from 'vitest';
import {
  allowedNext,
  checkTransition,
  isOpen,
  isTicketStatus,
  STATUS_NAMES,
  TICKET_STATUSES,
  type TicketStatus,
  type TransitionFacts,
} from '../../../src/domain/tickets/ticket-status.js';

/** A ticket with everything a transition may ask for: only the diagram decides. */
const classified = (status: TicketStatus): TransitionFacts => ({ status, requestType: 'complaint', categoryCode: '0201', mainUnit: 'housing-bureau' });

// The diagram in ticket-status.ts, written out by hand: from → the statuses that may follow.
const DIAGRAM: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  missed: ['accepted', 'closed'],
  accepted: ['dispatched', 'closed'],
  dispatched: ['dispatched', 'in-progress'],
  'in-progress': ['replied'],
  replied: ['closed', 'in-progress'],
  closed: [],
};

const ALL: readonly TicketStatus[] = ['missed', 'accepted', 'dispatched', 'in-progress', 'replied', 'closed'];
const PAIRS = ALL.flatMap((from) => ALL.map((to) => ({ from, to, allowed: DIAGRAM[from].includes(to) })));

describe('ticket status transitions', () => {
  it('knows exactly the six statuses, each with its Chinese name', () => {
    expect([...TICKET_STATUSES]).toEqual(ALL);
    expect(STATUS_NAMES).toEqual({
      missed: '未接来电',
      accepted: '已受理',
      dispatched: '已派单',
      'in-progress': '办理中',
      replied: '已答复',
      closed: '已办结',
    });
  });

  it('covers all 36 pairs, 9 of them allowed', () => {
    expect(PAIRS).toHaveLength(36);
    expect(PAIRS.filter((p) => p.allowed)).toHaveLength(9);
  });

  it.each(PAIRS)('$from → $to allowed: $allowed (fully classified ticket)', ({ from, to, allowed }) => {
    expect(checkTransition(classified(from), to)).toBe(allowed ? null : 'TICKET_TRANSITION_INVALID');
  });

  it.each(ALL)('allowedNext(%s) lists the diagram arrows', (from) => {
    expect([...allowedNext(from)].sort()).toEqual([...DIAGRAM[from]].sort());
  });

  it('refuses an arrow not in the diagram before looking at the facts', () => {
    const bare: TransitionFacts = { status: 'dispatched', requestType: null, categoryCode: null, mainUnit: null };
    expect(checkTransition(bare, 'accepted')).toBe('TICKET_TRANSITION_INVALID');
    expect(checkTransition({ ...bare, status: 'closed' }, 'in-progress')).toBe('TICKET_TRANSITION_INVALID');
    expect(checkTransition({ ...bare, status: 'missed' }, 'dispatched')).toBe('TICKET_TRANSITION_INVALID');
  });
});

describe('transition preconditions', () => {
  it('accepting a missed call (the callback) needs no classification', () => {
    expect(checkTransition({ status: 'missed', requestType: null, categoryCode: null, mainUnit: null }, 'accepted')).toBeNull();
  });

  it('closing a missed call needs no classification', () => {
    expect(checkTransition({ status: 'missed', requestType: null, categoryCode: null, mainUnit: null }, 'closed')).toBeNull();
  });

  it('every other allowed arrow needs a request type, then a category', () => {
    const classifying = PAIRS.filter((p) => p.allowed && p.to !== 'accepted' && !(p.from === 'missed' && p.to === 'closed'));
    expect(classifying.map((p) => `${p.from}→${p.to}`)).toEqual([
      'accepted→dispatched',
      'accepted→closed',
      'dispatched→dispatched',
      'dispatched→in-progress',
      'in-progress→replied',
      'replied→in-progress',
      'replied→closed',
    ]);
    for (const { from, to } of classifying) {
      expect(checkTransition({ ...classified(from), requestType: null }, to), `${from}→${to}`).toBe('TICKET_TYPE_REQUIRED');
      expect(checkTransition({ ...classified(from), categoryCode: null }, to), `${from}→${to}`).toBe('TICKET_CATEGORY_REQUIRED');
      // Type is checked before category.
      expect(checkTransition({ ...classified(from), requestType: null, categoryCode: null }, to), `${from}→${to}`).toBe('TICKET_TYPE_REQUIRED');
    }
  });

  it('dispatching (and re-dispatching) needs a main unit; other arrows do not', () => {
    expect(checkTransition({ ...classified('accepted'), mainUnit: null }, 'dispatched')).toBe('TICKET_UNIT_REQUIRED');
    expect(checkTransition({ ...classified('dispatched'), mainUnit: null }, 'dispatched')).toBe('TICKET_UNIT_REQUIRED');
    expect(checkTransition({ ...classified('accepted'), mainUnit: null }, 'closed')).toBeNull();
    expect(checkTransition({ ...classified('dispatched'), mainUnit: null }, 'in-progress')).toBeNull();
    expect(checkTransition({ ...classified('replied'), mainUnit: null }, 'closed')).toBeNull();
  });

  it('a missing classification is reported before a missing unit', () => {
    const facts: TransitionFacts = { status: 'accepted', requestType: null, categoryCode: null, mainUnit: null };
    expect(checkTransition(facts, 'dispatched')).toBe('TICKET_TYPE_REQUIRED');
    expect(checkTransition({ ...facts, requestType: 'help' }, 'dispatched')).toBe('TICKET_CATEGORY_REQUIRED');
    expect(checkTransition({ ...facts, requestType: 'help', categoryCode: '0101' }, 'dispatched')).toBe('TICKET_UNIT_REQUIRED');
  });
});

describe('isOpen and isTicketStatus', () => {
  it.each([
    ['missed', false],
    ['accepted', true],
    ['dispatched', true],
    ['in-progress', true],
    ['replied', true],
    ['closed', false],
  ] as const)('isOpen(%s) is %s', (status, open) => {
    expect(isOpen(status)).toBe(open);
  });

  it('recognises exactly the six statuses', () => {
    for (const status of ALL) expect(isTicketStatus(status)).toBe(true);
    for (const other of ['', 'open', 'Closed', 'in_progress', 'inprogress', 'answered', ' closed']) expect(isTicketStatus(other)).toBe(false);
  });
});
