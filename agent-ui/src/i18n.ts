// The pages' one entry point to their texts: the language chosen (kept in localStorage), the texts
// of the pages, the words the server sends and its error codes, each in that language. The tables
// and lookups themselves are in i18n/, free of the browser, so the tests read them as they are.
import { errorTextIn } from './i18n/error-words.js';
import type { Lang } from './i18n/lang.js';
import { languageNameIn } from './i18n/language-names.js';
import { textIn, type TextKey } from './i18n/texts.js';
import { wordIn, type Words } from './i18n/words.js';

export type { Lang } from './i18n/lang.js';
export type { TextKey } from './i18n/texts.js';
export { wordsOf, type Words } from './i18n/words.js';
export * from './i18n/agent-words.js';
export * from './i18n/hotspot-words.js';
export * from './i18n/qa-words.js';
export * from './i18n/ticket-words.js';
export * from './i18n/wallboard-words.js';

const STORAGE_KEY = 'hotline.lang';

export function currentLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
}

/** A text of the pages in the current language, with `{name}` placeholders filled in. */
export function t(key: TextKey, values: Readonly<Record<string, string | number>> = {}): string {
  return textIn(currentLang(), key, values);
}

/**
 * A word the server sent (a status, a type, a state…) in the current language: the only way a page
 * shows one. A word the table does not know is shown marked as untranslated.
 */
export function word<K extends string>(words: Words<K>, value: string): string {
  return wordIn(currentLang(), words, value);
}

/** An error code as a sentence in the current language, the code kept beside it. */
export function errorText(code: string): string {
  return errorTextIn(currentLang(), code);
}

/** A caller's language (zh-CN, en…) by its name in the current language. */
export function languageName(tag: string): string {
  return languageNameIn(currentLang(), tag);
}
