// The word segmenter over jieba-rs (@node-rs/jieba: prebuilt native binaries, no build step). The
// default dictionary (about 350,000 words) is read once per process; the hotline's own words are
// added as a user dictionary with a high frequency, so 飞线充电, 维修资金, 网约车 stay whole.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { WordSegmenter } from '../../app/ports/word-segmenter.js';

/** High enough that a user word beats the split into its parts the default dictionary prefers. */
const USER_WORD_FREQUENCY = 50000;

const segmenters = new Map<string, JiebaSegmenter>();

export class JiebaSegmenter implements WordSegmenter {
  private constructor(private readonly jieba: Jieba) {}

  /** One segmenter per set of user words, built once: loading the dictionary takes a few hundred ms. */
  static withWords(userWords: readonly string[] = []): JiebaSegmenter {
    const words = [...new Set(userWords.map((w) => w.trim()).filter((w) => w !== '' && !/\s/.test(w)))].sort();
    const key = words.join('\n');
    let segmenter = segmenters.get(key);
    if (!segmenter) {
      const jieba = Jieba.withDict(dict);
      if (words.length > 0) jieba.loadDict(Buffer.from(words.map((w) => `${w} ${USER_WORD_FREQUENCY}`).join('\n'), 'utf8'));
      segmenter = new JiebaSegmenter(jieba);
      segmenters.set(key, segmenter);
    }
    return segmenter;
  }

  cutForSearch(text: string): readonly string[] {
    return this.jieba.cutForSearch(text, true);
  }
}
