// All the pages' texts in one table per language, put together from one table per page; a text is
// read in a language without the browser (the tests read it so).
import { fillIn, type InBothLangs, type Lang } from './lang.js';
import { AGENT_TEXTS } from './texts-agent.js';
import { ANALYSIS_TEXTS } from './texts-analysis.js';
import { CITIZEN_TEXTS } from './texts-citizen.js';
import { COMMON_TEXTS } from './texts-common.js';
import { KNOWLEDGE_TEXTS } from './texts-knowledge.js';
import { PHONE_TEXTS } from './texts-phone.js';
import { QA_TEXTS } from './texts-qa.js';
import { REPORT_TEXTS } from './texts-report.js';
import { UNIT_TEXTS } from './texts-unit.js';
import { WALLBOARD_TEXTS } from './texts-wallboard.js';

/** Each page's table on its own, so a test can see that no key is in two of them. */
export const TEXT_TABLES = { common: COMMON_TEXTS, agent: AGENT_TEXTS, phone: PHONE_TEXTS, citizen: CITIZEN_TEXTS, wallboard: WALLBOARD_TEXTS, qa: QA_TEXTS, unit: UNIT_TEXTS, knowledge: KNOWLEDGE_TEXTS, analysis: ANALYSIS_TEXTS, report: REPORT_TEXTS } as const;

export type TextKey = keyof typeof COMMON_TEXTS.en | keyof typeof AGENT_TEXTS.en | keyof typeof PHONE_TEXTS.en | keyof typeof CITIZEN_TEXTS.en | keyof typeof WALLBOARD_TEXTS.en | keyof typeof QA_TEXTS.en | keyof typeof UNIT_TEXTS.en | keyof typeof KNOWLEDGE_TEXTS.en | keyof typeof ANALYSIS_TEXTS.en | keyof typeof REPORT_TEXTS.en;

const merged = (lang: Lang): Readonly<Record<TextKey, string>> => ({ ...COMMON_TEXTS[lang], ...AGENT_TEXTS[lang], ...PHONE_TEXTS[lang], ...CITIZEN_TEXTS[lang], ...WALLBOARD_TEXTS[lang], ...QA_TEXTS[lang], ...UNIT_TEXTS[lang], ...KNOWLEDGE_TEXTS[lang], ...ANALYSIS_TEXTS[lang], ...REPORT_TEXTS[lang] });

export const TEXTS: InBothLangs<Readonly<Record<TextKey, string>>> = { 'zh-CN': merged('zh-CN'), en: merged('en') };

/** A text in `lang`, with `{name}` placeholders filled in. */
export function textIn(lang: Lang, key: TextKey, values: Readonly<Record<string, string | number>> = {}): string {
  return fillIn(TEXTS[lang][key], values);
}
