// The columns of a work order the follow-up plan reads, as one list both databases select.
import type { FollowUpTicket } from './follow-up-plan.js';

export const FOLLOW_UP_FIELDS = [
  'id',
  'number',
  'status',
  'createdAt',
  'title',
  'callerNumber',
  'confidential',
  'returnVisitDeclined',
  'mainUnit',
  'dispatchedAt',
  'firstResponseAt',
  'replyBy',
  'handledAt',
  'ratedAt',
] as const satisfies readonly (keyof FollowUpTicket)[];
