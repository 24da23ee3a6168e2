// A live call as supervisors and the API see it: where it is, who talks with the caller.
import type { CallState } from '../../domain/calls/call-state.js';

/** The phases as the API has always named them: a transfer or a three-way call is still 'talking', a forced release's goodbye 'ending'. */
export type ActiveCallPhase = 'arriving' | 'ivr' | 'queued' | 'talking' | 'survey' | 'ending' | 'transferred' | 'fallback' | 'ended';

export interface ActiveCallView {
  readonly callId: string;
  readonly channelId: string;
  readonly callerNumber: string;
  readonly dialedNumber: string;
  readonly phase: ActiveCallPhase;
  readonly queue: string | null;
  readonly agentId: string | null;
  readonly elderly: boolean;
  readonly enterprise: string | null;
  readonly startedAt: number;
  readonly answeredAt: number | null;
}

export function activeCallView(state: CallState): ActiveCallView {
  const { call, record, phase } = state;
  return {
    callId: call.callId,
    channelId: call.channelId,
    callerNumber: call.callerNumber,
    dialedNumber: call.dialedNumber,
    phase: phase.kind === 'consulting' || phase.kind === 'three-way' ? 'talking' : phase.kind === 'closing' ? 'ending' : phase.kind,
    queue: record.queue,
    agentId: record.agent?.agentId ?? null,
    elderly: state.caller.elderly,
    enterprise: state.caller.enterprise?.name ?? null,
    startedAt: call.startedAt,
    answeredAt: record.answeredAt,
  };
}
