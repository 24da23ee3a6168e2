// How text becomes an 8 kHz mono WAV Asterisk plays: espeak-ng's voice per language and the sox
// effects, shared by the prompts made ahead of time and the text spoken at call time, so both sound alike.

export const VOICES: Readonly<Record<string, string>> = { 'zh-CN': 'cmn', en: 'en' };

// espeak-ng's Mandarin is slow; a faster tempo (pitch kept) and trimmed silences keep menus short,
// as the national standard asks. Part of the cache key, so a change here regenerates every prompt.
export const SPEAK_ARGS = ['-s', '190'] as const;
export const SOX_EFFECTS = ['vol', '0.8', 'tempo', '-s', '1.35', 'silence', '1', '0.05', '0.5%', 'reverse', 'silence', '1', '0.05', '0.5%', 'reverse'] as const;
export const SYNTH_KEY = [...SPEAK_ARGS, ...SOX_EFFECTS].join(' ');

/** sox's arguments from espeak-ng's WAV to the telephone format, with the effects. */
export function soxArgs(raw: string, target: string): string[] {
  return [raw, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'wav', target, ...SOX_EFFECTS];
}
