// The word segmenter over jieba-rs (@node-rs/jieba: prebuilt native binaries, no build step). The
// default dictionary (about 350,000 words) is read once per process; the hotline's own words are
// added as a user dictionary with a high frequency, so 飞线充电, 维修资金, 网约车 stay whole.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { WordSegmenter } from '../../app/ports/word-segmenter.js';

/** High enough that a user word beats the split into its parts the default dictionary prefers. */
const USER_WORD_FREQUENCY = 50000;

/** The longest word whose user sub-words are looked for. */
const LONGEST_WORD = 16;

const segmenters = new Map<string, JiebaSegmenter>();

export class JiebaSegmenter implements WordSegmenter {
  private constructor(
    private readonly jieba: Jieba,
    private readonly userWords: ReadonlySet<string>,
  ) {}

  /** One segmenter per set of user words, built once: loading the dictionary takes a few hundred ms. */
  static withWords(userWords: readonly string[] = []): JiebaSegmenter {
    const words = [...new Set(userWords.map((w) => w.trim()).filter((w) => w !== '' && !/\s/.test(w)))].sort();
    const key = words.join('\n');
    let segmenter = segmenters.get(key);
    if (!segmenter) {
      const jieba = Jieba.withDict(dict);
      if (words.length > 0) jieba.loadDict(Buffer.from(words.map((w) => `${w} ${USER_WORD_FREQUENCY}`).join('\n'), 'utf8'));
      segmenter = new JiebaSegmenter(jieba, new Set(words));
      segmenters.set(key, segmenter);
    }
    return segmenter;
  }

  cutForSearch(text: string): readonly string[] {
    const words = this.jieba.cutForSearch(text, true);
    return this.userWords.size === 0 ? words : words.flatMap((word) => [word, ...this.userSubWords(word)]);
  }

  /**
   * jieba's search mode gives the sub-words of two and three characters its own dictionary knows;
   * a user word inside a longer word (维修资金 in 专项维修资金) is added here, so it is found too.
   */
  private userSubWords(word: string): string[] {
    const chars = [...word];
    // Dictionary words are short; a long run of letters or digits (a pasted string) holds none.
    if (chars.length < 4 || chars.length > LONGEST_WORD) return [];
    const found: string[] = [];
    for (let from = 0; from < chars.length; from += 1) {
      for (let to = from + 3; to <= chars.length; to += 1) {
        const sub = chars.slice(from, to).join('');
        if (sub !== word && this.userWords.has(sub)) found.push(sub);
      }
    }
    return found;
  }
}
