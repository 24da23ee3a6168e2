// What the application asks of the phone system, in the hotline's words. adapters/ari implements it.

export interface TelephonyPort {
  answer(channelId: string): Promise<void>;
  /** Starts a prompt; its end comes back as a PromptFinished event with this playback id. */
  playPrompt(channelId: string, promptId: string, playbackId: string): Promise<void>;
  hangup(channelId: string): Promise<void>;
  /** Hands the caller to the plain Asterisk queue of all agents (the dialplan's human fallback). */
  sendToHumanFallback(channelId: string): Promise<void>;
  /** The call's unique id for a channel that arrived without one (adoption after a restart). */
  callIdOf(channelId: string): Promise<string>;
}
