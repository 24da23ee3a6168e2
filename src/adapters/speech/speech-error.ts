// A failure to speak text at call time, with a stable code (see app/ports/speech.ts).
import type { SpeechErrorCode } from '../../app/ports/speech.js';

export class SpeechError extends Error {
  constructor(
    readonly code: SpeechErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SpeechError';
  }
}
