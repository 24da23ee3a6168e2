// Text a flow speaks at call time, turned into sound files before a prompt request goes out. Text
// that cannot be spoken (too long, no synthesizer, too slow) is left out and logged: the caller
// hears the rest, and the call goes on; the synthesizer's own time limit bounds the silence.
import type { Sound } from '../../domain/ivr/ivr-protocol.js';
import type { Logger } from '../../logging/logger.js';
import type { SpeechPort } from '../ports/speech.js';
import type { PlayableSound } from '../ports/telephony.js';

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'SPEECH_FAILED';
}

/** Recorded prompts only (nearly every request): played with no detour. */
export function onlyPrompts(sounds: readonly Sound[]): sounds is readonly string[] {
  return sounds.every((sound) => typeof sound === 'string');
}

/** The sounds to play: prompt ids as they are, each text as its sound file, or left out. */
export async function playableSounds(sounds: readonly Sound[], language: string, speech: SpeechPort | null, log: Logger): Promise<PlayableSound[]> {
  const made = await Promise.all(
    sounds.map(async (sound): Promise<PlayableSound[]> => {
      if (typeof sound === 'string') return [sound];
      // The text may be a citizen's words: only its length is logged.
      if (!speech) {
        log.warn({ code: 'SPEECH_UNAVAILABLE', chars: sound.text.length }, 'no speech synthesizer here; the text is left out');
        return [];
      }
      try {
        return [await speech.speak(sound.text, language)];
      } catch (error) {
        log.warn({ code: codeOf(error), chars: sound.text.length }, 'text could not be spoken; the call goes on without it');
        return [];
      }
    }),
  );
  return made.flat();
}
