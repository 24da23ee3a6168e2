// The names the hotline gives a call's pieces on the PBX: the conversation, agents' legs, outside
// parties, callbacks, playbacks and recordings. One place, so the adapters, recovery and the tests
// read the same scheme the call machine writes.

/** Ids Asterisk accepts for channels, bridges and recordings: anything else becomes '_'. */
const safe = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_');

const CONVERSATION_PREFIX = 'conv-';
const RECORDER_PREFIX = 'rec-';
const LEG = /^(agentleg|party)-(\d+)-(.+)$/;
/** The dialplan's simulated handset's own half of an agent's leg (a Local channel pair). */
const DEMO_PHONE_SUFFIX = '-phone';

export const callIds = {
  /** The bridge where caller, agent and outside parties talk. */
  conversation: (callId: string): string => `${CONVERSATION_PREFIX}${callId}`,
  /** The call a conversation bridge belongs to, or null when the bridge is not one of ours. */
  callOfConversation: (bridgeId: string): string | null => (bridgeId.startsWith(CONVERSATION_PREFIX) ? bridgeId.slice(CONVERSATION_PREFIX.length) : null),
  /** The nth agent phone rung for a call. */
  agentLeg: (callId: string, seq: number): string => `agentleg-${seq}-${callId}`,
  /** Whether a channel is a leg dialed for an offer to an agent (agentLeg). */
  isAgentLeg: (channelId: string): boolean => /^agentleg-\d+-/.test(channelId),
  /** The other half of an agent's leg when the agent's phone is the dialplan's simulated handset. */
  demoPhone: (legId: string): string => `${legId}${DEMO_PHONE_SUFFIX}`,
  /** The nth outside number (a unit) rung into a conversation. */
  party: (callId: string, seq: number): string => `party-${seq}-${callId}`,
  /** Which call an agent's leg or a unit's line belongs to, and its number in the call, or null for any other channel (a caller's, a demo phone's other half, a recorder). */
  legOf: (channelId: string): { readonly kind: 'agent' | 'party'; readonly seq: number; readonly callId: string } | null => {
    const match = channelId.endsWith(DEMO_PHONE_SUFFIX) ? null : LEG.exec(channelId);
    return match ? { kind: match[1] === 'agentleg' ? 'agent' : 'party', seq: Number(match[2]), callId: match[3] as string } : null;
  },
  /** The nth monitoring session of a call (a supervisor listening, whispering or barging in). */
  monitor: (callId: string, seq: number): string => `mon-${seq}-${callId}`,
  /** A monitoring session's supervisor's phone, and the bridge it hears the call in. */
  supervisorLeg: (monitorId: string): string => `sup-${monitorId}`,
  monitorBridge: (monitorId: string): string => `monitor-${monitorId}`,
  isMonitorBridge: (bridgeId: string): boolean => bridgeId.startsWith('monitor-mon-'),
  /** The call a monitoring session belongs to, or null for another id. */
  callOfMonitor: (monitorId: string): string | null => /^mon-\d+-(.+)$/.exec(monitorId)?.[1] ?? null,
  /** The citizen rung back for a waiting call's kept place, at the nth attempt. */
  callback: (acdCallId: string, attempt: number): string => `callback-${attempt}-${acdCallId}`,
  /** The id the ACD knows the nth attended transfer of a call by. */
  consult: (callId: string, seq: number): string => `${callId}~transfer${seq}`,
  /** A prompt played by the call's menus. */
  ivrPlayback: (callId: string, seq: number): string => `${callId}-p${seq}`,
  /** A prompt played by the survey after the conversation: ids of its own, never a menu prompt's. */
  surveyPlayback: (callId: string, seq: number): string => `${callId}-s${seq}`,
  /** An announcement played while the caller waits in a queue. */
  queuePlayback: (callId: string, seq: number): string => `${callId}-q${seq}`,
  /** The nth recording of a call's conversations (the first has no number). */
  conversationRecording: (callId: string, seq: number): string => safe(`call-${callId}${seq === 1 ? '' : `-${seq}`}`),
  /**
   * The conversation of a call the fallback queue put through: dialplan/hotline.conf names it the
   * same way from the linkedid (Asterisk's unique ids and ours need no escaping).
   */
  fallbackRecording: (callId: string): string => safe(`call-${callId}-fallback`),
  /** The snoop channel that records a conversation into the named recording. */
  recorder: (recordingName: string): string => `${RECORDER_PREFIX}${recordingName}`,
  /** The recording a recorder's channel writes, or null for any other channel. */
  recordingOfRecorder: (channelId: string): string | null => (channelId.startsWith(RECORDER_PREFIX) ? channelId.slice(RECORDER_PREFIX.length) : null),
  /** The voice message a caller leaves after hours. */
  message: (callId: string): string => safe(`message-${callId}`),
} as const;
