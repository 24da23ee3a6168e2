// Text spoken at call time with espeak-ng and sox into 8 kHz mono WAV files in a folder the PBX
// reads, cached by a hash of voice, recipe and text: the same summary read to a unit three times is
// made once. The folder is bounded by file count and age; a file is written under a temporary name
// and renamed, so Asterisk never plays half a file.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SpeechPort, SpokenSound } from '../../app/ports/speech.js';
import { SpeechError } from './speech-error.js';
import { SPEAK_ARGS, SYNTH_KEY, VOICES, soxArgs } from './speech-recipe.js';
import { runSpeechTool } from './speech-tool.js';

export interface EspeakSpeechOptions {
  /** The cache folder, as this machine sees it (for the local PBX: inside its root). */
  readonly dir: string;
  /** The same folder as the PBX names sounds in it, without a trailing slash (e.g. hotline/speech). */
  readonly soundPrefix: string;
  /** Longer text is refused: a phone menu is no place to read a page. */
  readonly maxChars?: number;
  /** From the request to the file, at most; then the text is left out. */
  readonly timeoutMs?: number;
  readonly maxFiles?: number;
  readonly maxAgeMs?: number;
  /** Tool names (a test names a missing one). */
  readonly commands?: { readonly espeak: string; readonly sox: string };
}

export const SPEECH_DEFAULTS = { maxChars: 100, timeoutMs: 3000, maxFiles: 1000, maxAgeMs: 7 * 24 * 3600 * 1000 } as const;

/** A prune looks at the folder after this many new files (and after the first). */
const PRUNE_EVERY = 50;

export class EspeakSpeech implements SpeechPort {
  private readonly inFlight = new Map<string, Promise<SpokenSound>>();
  private made = 0;
  private seq = 0;
  private readonly limits: typeof SPEECH_DEFAULTS;
  private readonly commands: { readonly espeak: string; readonly sox: string };

  constructor(private readonly options: EspeakSpeechOptions) {
    this.limits = { ...SPEECH_DEFAULTS, ...definedOnly(options) };
    this.commands = options.commands ?? { espeak: 'espeak-ng', sox: 'sox' };
  }

  async speak(text: string, language: string): Promise<SpokenSound> {
    const chars = [...text].length;
    if (chars > this.limits.maxChars) throw new SpeechError('SPEECH_TEXT_TOO_LONG', `${chars} characters; at most ${this.limits.maxChars} are spoken`);
    const voice = VOICES[language];
    if (!voice) throw new SpeechError('SPEECH_LANGUAGE_UNKNOWN', `no speech voice for language ${language}`);
    const name = `${language}-${createHash('sha256').update(`${voice}\n${SYNTH_KEY}\n${text}`).digest('hex').slice(0, 24)}`;
    const sound = { sound: `${this.options.soundPrefix}/${name}` };
    const file = path.join(this.options.dir, `${name}.wav`);
    if (await touched(file)) return sound;
    const pending = this.inFlight.get(name);
    if (pending) return pending;
    const making = this.make(voice, text, file).then(() => sound);
    this.inFlight.set(name, making);
    return making.finally(() => this.inFlight.delete(name));
  }

  /** Removes files past their age, then the least recently used past the count; returns how many went. */
  async prune(): Promise<number> {
    const entries = await fs.readdir(this.options.dir).catch(() => [] as string[]);
    const files = (await Promise.all(entries.filter((n) => n.endsWith('.wav')).map(async (n) => ({ n, at: (await fs.stat(path.join(this.options.dir, n)).catch(() => null))?.mtimeMs })))).filter((f): f is { n: string; at: number } => f.at !== undefined);
    const oldest = Date.now() - this.limits.maxAgeMs;
    files.sort((a, b) => b.at - a.at);
    const gone = files.filter((f, i) => f.at < oldest || i >= this.limits.maxFiles);
    await Promise.all(gone.map((f) => fs.rm(path.join(this.options.dir, f.n), { force: true })));
    return gone.length;
  }

  private async make(voice: string, text: string, file: string): Promise<void> {
    const deadline = Date.now() + this.limits.timeoutMs;
    await fs.mkdir(this.options.dir, { recursive: true });
    this.seq += 1;
    const temp = `${file}.${process.pid}-${this.seq}`;
    try {
      // The text goes in on stdin: as an argument, a summary starting with '-' would be an option.
      await runSpeechTool(this.commands.espeak, ['-v', voice, ...SPEAK_ARGS, '-b', '1', '--stdin', '-w', `${temp}.raw.wav`], text, deadline);
      await runSpeechTool(this.commands.sox, soxArgs(`${temp}.raw.wav`, `${temp}.wav`), null, deadline);
      await fs.rename(`${temp}.wav`, file);
    } finally {
      await Promise.all([fs.rm(`${temp}.raw.wav`, { force: true }), fs.rm(`${temp}.wav`, { force: true })]);
    }
    this.made += 1;
    if (this.made % PRUNE_EVERY === 1) void this.prune().catch(() => undefined);
  }
}

/** Whether the file is there; a hit is marked used now, so pruning keeps what is still read. */
async function touched(file: string): Promise<boolean> {
  const now = new Date();
  return fs.utimes(file, now, now).then(
    () => true,
    () => false,
  );
}

function definedOnly(options: EspeakSpeechOptions): Partial<typeof SPEECH_DEFAULTS> {
  const { maxChars, timeoutMs, maxFiles, maxAgeMs } = options;
  return Object.fromEntries(Object.entries({ maxChars, timeoutMs, maxFiles, maxAgeMs }).filter(([, v]) => v !== undefined));
}
