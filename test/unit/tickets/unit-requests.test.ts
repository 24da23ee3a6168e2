// The handling unit's rules: who signs, who reports and replies, who asks for a return or an
// extension and when (one pending request at a time), and what a supervisor's decision changes.
import { describe, expect, it } from 'vitest';
import {
  checkAsk,
  checkDecision,
  checkSign,
  checkUnitFeedback,
  decidedRequest,
  extendedDeadlines,
  pendingRequest,
  settledByDispatch,
  standingOf,
  type UnitOrderFacts,
  type UnitRequest,
} from '../../../src/domain/tickets/unit-requests.js';
import { cst, shippedCalendar } from '../calendar/calendar-fixtures.js';

const order = (over: Partial<UnitOrderFacts> = {}): UnitOrderFacts => ({
  status: 'dispatched',
  mainUnit: 'housing-bureau',
  assistingUnits: ['dongcheng-subdistrict'],
  replyBy: cst('2026-10-01'),
  unitRequest: null,
  ...over,
});
const pending = (kind: UnitRequest['kind']): UnitRequest => ({ kind, state: 'pending', unit: 'housing-bureau', reason: '不属于本单位', requestedBy: 'housing', requestedAt: 1, ...(kind === 'extension' ? { days: 2 } : {}) });

describe('standing and sign', () => {
  it('a unit is the main unit, an assisting unit, or has nothing to do with the order', () => {
    expect(['housing-bureau', 'dongcheng-subdistrict', 'urban-management'].map((unit) => standingOf(order(), unit))).toEqual(['main', 'assisting', 'none']);
  });

  it('only the main unit signs, and only a dispatched order', () => {
    expect(checkSign(order(), 'main')).toBeNull();
    expect(checkSign(order(), 'assisting')).toBe('TICKET_NOT_YOURS');
    expect(checkSign(order(), 'none')).toBe('TICKET_NOT_YOURS');
    expect(checkSign(order({ status: 'in-progress' }), 'main')).toBe('TICKET_TRANSITION_INVALID');
    expect(checkSign(order({ status: 'replied' }), 'main')).toBe('TICKET_TRANSITION_INVALID');
  });
});

describe('progress and reply', () => {
  it('both units report progress; only the main unit replies', () => {
    expect(checkUnitFeedback(order(), 'assisting', 'progress')).toBeNull();
    expect(checkUnitFeedback(order(), 'assisting', 'reply')).toBe('TICKET_NOT_YOURS');
    expect(checkUnitFeedback(order(), 'none', 'progress')).toBe('TICKET_NOT_YOURS');
    expect(checkUnitFeedback(order({ status: 'in-progress' }), 'main', 'reply')).toBeNull();
    expect(checkUnitFeedback(order({ status: 'closed' }), 'main', 'progress')).toBe('TICKET_TRANSITION_INVALID');
  });

  it('no reply while the unit’s own return request waits: the order may be about to leave it', () => {
    expect(checkUnitFeedback(order({ unitRequest: pending('return') }), 'main', 'reply')).toBe('UNIT_REQUEST_PENDING');
    expect(checkUnitFeedback(order({ unitRequest: pending('return') }), 'main', 'progress')).toBeNull();
    expect(checkUnitFeedback(order({ unitRequest: pending('extension') }), 'main', 'reply')).toBeNull();
  });
});

describe('asking', () => {
  it('the main unit asks while the order is in its hands, one request at a time', () => {
    expect(checkAsk(order(), 'main', { kind: 'return', reason: 'x' })).toBeNull();
    expect(checkAsk(order({ status: 'in-progress' }), 'main', { kind: 'extension', reason: 'x', days: 3 })).toBeNull();
    expect(checkAsk(order(), 'assisting', { kind: 'return', reason: 'x' })).toBe('TICKET_NOT_YOURS');
    expect(checkAsk(order({ status: 'replied' }), 'main', { kind: 'return', reason: 'x' })).toBe('TICKET_TRANSITION_INVALID');
    expect(checkAsk(order({ unitRequest: pending('extension') }), 'main', { kind: 'return', reason: 'x' })).toBe('UNIT_REQUEST_PENDING');
    // A decided request does not block the next one.
    expect(checkAsk(order({ unitRequest: { ...pending('return'), state: 'rejected' } }), 'main', { kind: 'return', reason: 'x' })).toBeNull();
  });

  it('an extension asks for 1 to 20 working days of an order that has a reply deadline', () => {
    for (const days of [undefined, 0, 21, 1.5]) expect(checkAsk(order(), 'main', { kind: 'extension', reason: 'x', ...(days === undefined ? {} : { days }) }), String(days)).toBe('UNIT_EXTENSION_DAYS_INVALID');
    expect(checkAsk(order({ replyBy: null }), 'main', { kind: 'extension', reason: 'x', days: 2 })).toBe('UNIT_EXTENSION_NO_DEADLINE');
  });

  it('a request remembers who asked, when, why and for how long', () => {
    expect(pendingRequest(order(), 'housing-bureau', 'housing', 5, { kind: 'extension', reason: '需现场勘查', days: 2 })).toEqual({
      kind: 'extension', state: 'pending', unit: 'housing-bureau', reason: '需现场勘查', requestedBy: 'housing', requestedAt: 5, days: 2,
    });
    expect(pendingRequest(order(), 'housing-bureau', 'housing', 5, { kind: 'return', reason: '非本单位职责' })).not.toHaveProperty('days');
  });
});

describe('deciding', () => {
  it('needs a pending request', () => {
    expect(checkDecision(order(), { decision: 'reject', reason: 'x' })).toBe('UNIT_REQUEST_NONE');
    expect(checkDecision(order({ unitRequest: { ...pending('return'), state: 'rejected' } }), { decision: 'reject', reason: 'x' })).toBe('UNIT_REQUEST_NONE');
  });

  it('approving a return names the new unit, which is not the unit that returned it; rejecting names none', () => {
    const returned = order({ unitRequest: pending('return') });
    expect(checkDecision(returned, { decision: 'approve', reason: 'x' })).toBe('UNIT_REDISPATCH_UNIT_REQUIRED');
    expect(checkDecision(returned, { decision: 'approve', reason: 'x', mainUnit: 'housing-bureau' })).toBe('UNIT_REDISPATCH_SAME_UNIT');
    expect(checkDecision(returned, { decision: 'approve', reason: 'x', mainUnit: 'urban-management' })).toBeNull();
    expect(checkDecision(returned, { decision: 'reject', reason: '属于贵单位职责' })).toBeNull();
    expect(checkDecision(order({ unitRequest: pending('extension') }), { decision: 'approve', reason: 'x' })).toBeNull();
  });

  it('the decided request keeps the decision, its reason and where a returned order went', () => {
    expect(decidedRequest(pending('return'), { decision: 'approve', reason: '改派城管', mainUnit: 'urban-management' }, 'supervisor', 9)).toMatchObject({
      state: 'approved', decidedBy: 'supervisor', decidedAt: 9, decisionReason: '改派城管', redispatchedTo: 'urban-management',
    });
    expect(decidedRequest(pending('extension'), { decision: 'reject', reason: '时限内可办结' }, 'supervisor', 9)).toMatchObject({ state: 'rejected', decisionReason: '时限内可办结' });
  });

  it('a dispatch by the hotline decides what waits: a return approved when the order goes elsewhere, else rejected', () => {
    expect(settledByDispatch(null, 'urban-management', 'supervisor', 9, null)).toBeNull();
    expect(settledByDispatch({ ...pending('return'), state: 'rejected' }, 'urban-management', 'supervisor', 9, null)).toBeNull();
    expect(settledByDispatch(pending('return'), 'urban-management', 'supervisor', 9, '改派')).toMatchObject({ state: 'approved', redispatchedTo: 'urban-management', decisionReason: '改派' });
    expect(settledByDispatch(pending('return'), 'housing-bureau', 'supervisor', 9, null)).toMatchObject({ state: 'rejected' });
    expect(settledByDispatch(pending('extension'), 'urban-management', 'supervisor', 9, null)).toMatchObject({ state: 'rejected', decisionReason: 'superseded by a new dispatch' });
  });

  it('an extension moves the reply deadline and every later one by working days, over the National Day holiday', () => {
    const calendar = shippedCalendar();
    // Due 24:00 on Wed 30 Sep 2026; 1–7 Oct are holidays, Sat 10 Oct is a make-up working day.
    const before = { dueAt: cst('2026-10-01'), replyBy: cst('2026-10-01'), followUpBy: cst('2026-10-09'), closeBy: null };
    expect(extendedDeadlines(before, 2, calendar)).toEqual({ dueAt: cst('2026-10-10'), replyBy: cst('2026-10-10'), followUpBy: cst('2026-10-11'), closeBy: null });
    expect(extendedDeadlines(before, 3, calendar).replyBy).toBe(cst('2026-10-11'));
  });
});
