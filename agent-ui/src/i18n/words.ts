// Texts of the closed sets of words the server sends (statuses, types, states…), keyed by the
// contract's union types, and their lookup. The server's fields are open strings on the wire (older
// rows, a newer server): a word a page does not know is shown marked as untranslated, never dropped
// and never an exception, so the page keeps working and the word can still be read to support.
import { fillIn, type InBothLangs, type Lang } from './lang.js';

/** Every word of K said in both languages: a word of the union without a text does not compile. */
export type Words<K extends string> = InBothLangs<Readonly<Record<K, string>>>;

const UNTRANSLATED: InBothLangs<string> = { 'zh-CN': '{value}（未翻译）', en: '{value} (untranslated)' };

export function isWordOf<K extends string>(words: Words<K>, value: string): value is K {
  return Object.hasOwn(words['zh-CN'], value);
}

/** The word's text in `lang`, or the raw value marked as untranslated. */
export function wordIn<K extends string>(lang: Lang, words: Words<K>, value: string): string {
  return isWordOf(words, value) ? words[lang][value] : untranslatedIn(lang, value);
}

/** A value shown as it came, marked so a reader sees it is the server's word and not a translation. */
export function untranslatedIn(lang: Lang, value: string): string {
  return fillIn(UNTRANSLATED[lang], { value });
}

/** The words of a table in the order they are written (the choices a form offers). */
export function wordsOf<K extends string>(words: Words<K>): K[] {
  return Object.keys(words['zh-CN']) as K[];
}
