// The follow-up plan of a work order (domain/follow-up/follow-up-plan.ts): sign reminders, 催办, return visits. Pure.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLLOW_UP, followUpKeys as K, planFollowUp, type CallState, type FollowUpInput, type FollowUpTicket, type RemindedUnit } from '../../../src/domain/follow-up/follow-up-plan.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 11, 3, 2, 0); // 10:00 China time, a Thursday

const units: Record<string, RemindedUnit> = {
  'housing-bureau': { number: '20001', superior: 'city-government' },
  'city-government': { number: '20000', superior: null },
  'no-contact': { number: null, superior: 'city-government' },
};

const dispatched: FollowUpTicket = {
  id: 7,
  number: '20261203-0007',
  status: 'dispatched',
  createdAt: T0 - HOUR,
  title: '电梯故障',
  callerNumber: '13800001111',
  confidential: false,
  returnVisitDeclined: false,
  mainUnit: 'housing-bureau',
  dispatchedAt: T0,
  firstResponseAt: null,
  replyBy: T0 + 3 * 24 * HOUR,
  handledAt: null,
  ratedAt: null,
};

function plan(ticket: Partial<FollowUpTicket>, now: number, calls: Record<string, CallState> = {}) {
  const input: FollowUpInput = { ticket: { ...dispatched, ...ticket }, unitOf: (id) => units[id], calls: new Map(Object.entries(calls)), settings: DEFAULT_FOLLOW_UP, now };
  return planFollowUp(input);
}

const kinds = (p: ReturnType<typeof plan>) => p.actions.map((a) => `${a.kind} ${a.key}`);

describe('the sign reminder ladder', () => {
  it('messages the contact at dispatch and looks again when the 5 minutes end', () => {
    const p = plan({}, T0);
    expect(kinds(p)).toEqual([`SendMessage ${K.signMessage(7, T0)}`]);
    expect(p.actions[0]).toMatchObject({ number: '20001', template: 'order-to-sign' });
    expect(p.nextCheckAt).toBe(T0 + 5 * MIN);
  });

  it('calls the contact once 5 minutes pass unsigned, at the due instant, at any hour', () => {
    const p = plan({}, T0 + 5 * MIN);
    expect(kinds(p)).toEqual([`SendMessage ${K.signMessage(7, T0)}`, `SendMessage ${K.signLateMessage(7, T0)}`, `PlaceCall ${K.signCall(7, T0, 'contact')}`]);
    expect(p.actions[1]).toMatchObject({ template: 'sign-overdue', number: '20001' });
    expect(p.actions.find((a) => a.kind === 'PlaceCall')).toMatchObject({ purpose: 'sign-reminder', notBefore: T0 + 5 * MIN, window: 'any', unit: 'housing-bureau' });
  });

  it('calls the superior unit once the call to the contact failed', () => {
    const p = plan({}, T0 + 30 * MIN, { [K.signCall(7, T0, 'contact')]: 'failed' });
    const superior = p.actions.find((a) => a.key === K.signCall(7, T0, 'superior'));
    expect(superior).toMatchObject({ kind: 'PlaceCall', number: '20000', unit: 'city-government' });
  });

  it('does not call the superior while the first call is still going on', () => {
    const p = plan({}, T0 + 30 * MIN, { [K.signCall(7, T0, 'contact')]: 'pending' });
    expect(kinds(p)).not.toContain(`PlaceCall ${K.signCall(7, T0, 'superior')}`);
  });

  it('calls off pending sign calls once the unit signed', () => {
    const p = plan({ status: 'in-progress', firstResponseAt: T0 + 6 * MIN }, T0 + 7 * MIN, { [K.signCall(7, T0, 'contact')]: 'pending' });
    expect(kinds(p)).toContain(`CancelCall ${K.signCall(7, T0, 'contact')}`);
    expect(kinds(p).filter((k) => k.startsWith('PlaceCall'))).toEqual([]);
  });

  it('a re-dispatch starts a new round with new keys', () => {
    const again = plan({ dispatchedAt: T0 + HOUR }, T0 + HOUR);
    expect(kinds(again)).toEqual([`SendMessage ${K.signMessage(7, T0 + HOUR)}`]);
  });

  it('a unit without a contact number gets nothing sent (its superior is not skipped to)', () => {
    expect(plan({ mainUnit: 'no-contact' }, T0 + HOUR).actions).toEqual([]);
  });
});

describe('催办 reminders', () => {
  const signed = { status: 'in-progress', firstResponseAt: T0 + MIN };
  const replyBy = dispatched.replyBy!;

  it('waits for the reply-soon instant', () => {
    expect(plan(signed, T0 + HOUR)).toEqual({ actions: [], nextCheckAt: replyBy - DEFAULT_FOLLOW_UP.replySoonMs });
  });

  it('messages before the deadline, then at it, then calls', () => {
    expect(kinds(plan(signed, replyBy - HOUR))).toEqual([`SendMessage ${K.replySoon(7, T0)}`]);
    expect(plan(signed, replyBy - HOUR).nextCheckAt).toBe(replyBy);
    expect(kinds(plan(signed, replyBy))).toEqual([`SendMessage ${K.replySoon(7, T0)}`, `SendMessage ${K.replyOverdue(7, T0)}`]);
    const late = plan(signed, replyBy + 2 * HOUR, { [K.replyCall(7, T0, 'contact')]: 'failed' });
    expect(kinds(late)).toContain(`PlaceCall ${K.replyCall(7, T0, 'contact')}`);
    expect(kinds(late)).toContain(`PlaceCall ${K.replyCall(7, T0, 'superior')}`);
    expect(late.nextCheckAt).toBeNull();
  });

  it('stops once the unit replied', () => {
    const p = plan({ status: 'replied', firstResponseAt: T0 + MIN, handledAt: replyBy - HOUR, confidential: true }, replyBy + 2 * HOUR, { [K.replyCall(7, T0, 'contact')]: 'pending' });
    expect(kinds(p)).toEqual([`CancelCall ${K.replyCall(7, T0, 'contact')}`]);
  });
});

describe('return visits', () => {
  const replied = { status: 'replied', firstResponseAt: T0 + MIN, handledAt: T0 + 2 * HOUR };

  it('calls the citizen inside the calling window after the reply', () => {
    const p = plan(replied, T0 + 2 * HOUR);
    expect(p.actions).toEqual([
      { kind: 'PlaceCall', key: K.visit(7, T0 + 2 * HOUR), purpose: 'return-visit', unit: null, number: '13800001111', notBefore: T0 + 2 * HOUR + DEFAULT_FOLLOW_UP.visitAfterMs, window: 'calling' },
    ]);
  });

  it('never for a confidential order or a citizen who declined', () => {
    expect(plan({ ...replied, confidential: true }, T0 + 3 * HOUR).actions).toEqual([]);
    expect(plan({ ...replied, returnVisitDeclined: true }, T0 + 3 * HOUR).actions).toEqual([]);
  });

  it('not again once rated for this reply, but again after a reopened order is replied anew', () => {
    expect(plan({ ...replied, ratedAt: T0 + 3 * HOUR }, T0 + 4 * HOUR).actions).toEqual([]);
    const again = plan({ ...replied, handledAt: T0 + 5 * HOUR, ratedAt: T0 + 3 * HOUR }, T0 + 5 * HOUR);
    expect(kinds(again)).toEqual([`PlaceCall ${K.visit(7, T0 + 5 * HOUR)}`]);
  });

  it('puts the order on the manual list when every automatic visit failed', () => {
    const p = plan(replied, T0 + 9 * HOUR, { [K.visit(7, T0 + 2 * HOUR)]: 'failed' });
    expect(kinds(p)).toContain(`ListForManualVisit ${K.manualVisit(7, T0 + 2 * HOUR)}`);
  });
});
