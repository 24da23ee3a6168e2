// What the system knows about a call when it ends: the input of the ticket builder.

/** Who ended the call: `supervisor` is a forced release (强拆). */
export type EndedBy = 'caller' | 'system' | 'agent' | 'supervisor' | 'unknown';

/** One step of the caller's way through the IVR, in the order it happened. */
export type IvrStep =
  | { readonly at: number; readonly kind: 'prompt'; readonly prompt: string; readonly outcome: 'played' | 'interrupted' | 'failed' }
  | { readonly at: number; readonly kind: 'key'; readonly key: string; readonly label?: string; readonly global?: boolean }
  | { readonly at: number; readonly kind: 'node'; readonly flow: string; readonly node: string; readonly flowName?: string }
  | { readonly at: number; readonly kind: 'timeout'; readonly node: string }
  | { readonly at: number; readonly kind: 'invalid'; readonly node: string; readonly key: string }
  | { readonly at: number; readonly kind: 'collected'; readonly variable: string; readonly length: number }
  | { readonly at: number; readonly kind: 'outcome'; readonly outcome: string; readonly detail?: string };

export interface CallFacts {
  readonly callId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number;
  readonly hangupCause: number | null;
  readonly endedBy: EndedBy;
  readonly ivrPath: readonly IvrStep[];
  /** The queue the call waited in last (after any overflow), if it reached one. */
  readonly queue: string | null;
  readonly queuedAt: number | null;
  readonly agentId: string | null;
  readonly agentAnsweredAt: number | null;
  /** When the conversation with the agent ended (the survey may follow). */
  readonly conversationEndedAt: number | null;
  readonly satisfaction: string | null;
  /** How long the agent held the caller (hold music), over the whole call. */
  readonly holdMs: number;
  readonly recordings: readonly RecordingRef[];
  /** A registered elderly number (or the elderly key was pressed). */
  readonly elderly: boolean;
  readonly enterprise: { readonly name: string; readonly creditCode: string } | null;
  /** A call we placed to run a flow: the flow and its variables when the call ended (e.g. signed: yes), for whoever placed it. Its dialed number is PLACED_CALL_DIALED. */
  readonly flowResult?: { readonly flow: string; readonly variables: Readonly<Record<string, string>> };
}

export interface RecordingRef {
  readonly name: string;
  readonly kind: 'conversation' | 'message';
  readonly format: 'wav';
  /** When the recorder was started (the file itself tells its length). */
  readonly startedAt: number;
}

/** The dialed number of a call the hotline placed (a reminder, a return visit): reports of calls offered to the hotline leave these out. */
export const PLACED_CALL_DIALED = 'outbound';
