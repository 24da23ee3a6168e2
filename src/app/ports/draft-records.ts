// What app keeps of the work order an agent types during a call: one draft per call, replaced at
// each save, until the call's ticket is written (which takes it in). The db adapter implements it.
import type { CallDraft } from '../../domain/tickets/call-draft.js';

export type { CallDraft };

/** 'closed': the call's ticket is already written, so the draft was not saved (file on the ticket). */
export type DraftSaveOutcome = { readonly saved: true; readonly draft: CallDraft } | { readonly saved: false; readonly reason: 'closed' };

export interface DraftRecords {
  get(callId: string): Promise<CallDraft | undefined>;
  /**
   * Replaces the call's draft, in one transaction with the check that the call has no ticket yet:
   * a save that arrives after the hang-up's transaction changes nothing.
   */
  save(draft: Omit<CallDraft, 'updatedAt'>, now: number): Promise<DraftSaveOutcome>;
}
