// The pages' languages, Chinese first (the hotline's own), and the shape of a thing said in both.

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** One of something per language: the compiler asks for every language. */
export type InBothLangs<T> = { readonly [L in Lang]: T };

/** A table of texts per language; English is typed from the Chinese keys, so neither can miss one. */
export function bilingual<const Z extends Readonly<Record<string, string>>>(zh: Z, en: Readonly<Record<keyof Z, string>>): InBothLangs<Readonly<Record<keyof Z, string>>> {
  return { 'zh-CN': zh, en };
}

/** `{name}` placeholders filled in; a missing value leaves the place empty. */
export function fillIn(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
