// The name of a caller's language (a BCP 47 tag such as zh-CN, from the prompts the IVR played), said
// in the page's language. The set is open (a centre adds prompts for a dialect or a foreign
// language), so the names come from the browser's own table rather than from ours.
import type { Lang } from './lang.js';
import { untranslatedIn } from './words.js';

export function languageNameIn(lang: Lang, tag: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' }).of(tag);
    if (name) return name;
  } catch {
    // Not a well-formed tag: shown as it came, marked as untranslated.
  }
  return untranslatedIn(lang, tag);
}
