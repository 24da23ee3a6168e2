// What app asks of a speech synthesizer: text known only at call time (an order's summary) spoken
// into a sound file the phone system can play. The adapter bounds the time it takes.

/** A sound file made from text, named as the phone system plays it (e.g. hotline/speech/zh-CN-1a2b…). */
export interface SpokenSound {
  readonly sound: string;
}

/**
 * Why text could not be spoken: too long for a call, no synthesizer installed, too slow, it failed,
 * no folder the phone system reads (an external PBX without one configured), or no voice for the language.
 */
export type SpeechErrorCode = 'SPEECH_TEXT_TOO_LONG' | 'SPEECH_TOOL_MISSING' | 'SPEECH_TIMEOUT' | 'SPEECH_FAILED' | 'SPEECH_UNAVAILABLE' | 'SPEECH_LANGUAGE_UNKNOWN';

export interface SpeechPort {
  /** The sound for this text, from the cache or made now; rejects with an error carrying a SpeechErrorCode. */
  speak(text: string, language: string): Promise<SpokenSound>;
}
