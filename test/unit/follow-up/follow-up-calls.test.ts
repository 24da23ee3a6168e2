// What a finished follow-up call means for the order (domain/follow-up/follow-up-calls.ts). Pure.
import { describe, expect, it } from 'vitest';
import { followUpCallEffect, followUpCallState } from '../../../src/domain/follow-up/follow-up-calls.js';

const reached = (variables: Record<string, string>) => ({ reached: true, variables });

describe('a finished follow-up call', () => {
  it('signs the order when the contact pressed 1', () => {
    expect(followUpCallEffect('sign-reminder', reached({ signed: 'yes' }))).toEqual({ kind: 'Signed' });
    expect(followUpCallState('sign-reminder', reached({ signed: 'yes' }))).toBe('succeeded');
  });

  it('counts a contact who answered and did not sign as a failure, so the superior is called', () => {
    expect(followUpCallEffect('sign-reminder', reached({}))).toEqual({ kind: 'None' });
    expect(followUpCallState('sign-reminder', reached({}))).toBe('failed');
  });

  it('rates the order with the key the citizen pressed', () => {
    expect(followUpCallEffect('return-visit', reached({ satisfaction: 'dissatisfied' }))).toEqual({ kind: 'Rated', rating: 'dissatisfied' });
    expect(followUpCallState('return-visit', reached({ satisfaction: 'satisfied' }))).toBe('succeeded');
  });

  it('ignores a rating it does not know and a call nobody answered', () => {
    expect(followUpCallEffect('return-visit', reached({ satisfaction: 'great' }))).toEqual({ kind: 'None' });
    expect(followUpCallEffect('return-visit', { reached: false, variables: { satisfaction: 'satisfied' } })).toEqual({ kind: 'None' });
    expect(followUpCallState('return-visit', { reached: false, variables: {} })).toBe('failed');
  });

  it('a 催办 call has done its job once someone heard it; an unfinished call is pending', () => {
    expect(followUpCallState('reply-reminder', reached({}))).toBe('succeeded');
    expect(followUpCallState('reply-reminder', null)).toBe('pending');
  });
});
