// The pages' texts, read without a browser: both languages have every text, and every word of each
// closed list of the contract (statuses, types, states, error codes…) has a text in both languages.
// The compiler already asks for this; these tests also catch a cast, a spread or a key typed wrong.
import { describe, expect, it } from 'vitest';
import { AGENT_STATE_WORDS, CHOSEN_PAUSE_REASONS, PAUSE_REASON_WORDS, ROLE_WORDS } from '../../../agent-ui/src/i18n/agent-words.js';
import { ERROR_WORDS, errorTextIn } from '../../../agent-ui/src/i18n/error-words.js';
import { HOTSPOT_HISTORY_WORDS, HOTSPOT_KIND_WORDS, HOTSPOT_STATE_WORDS, HOTSPOT_STEP_WORDS, REPORT_TABLE_WORDS } from '../../../agent-ui/src/i18n/hotspot-words.js';
import { ARTICLE_FLAG_WORDS, ARTICLE_KIND_WORDS, ARTICLE_STATUS_WORDS } from '../../../agent-ui/src/i18n/knowledge-words.js';
import { LANGS, type Lang } from '../../../agent-ui/src/i18n/lang.js';
import { languageNameIn } from '../../../agent-ui/src/i18n/language-names.js';
import { AUDIT_RESULT_WORDS, QA_GRADE_WORDS, RECORDING_KIND_WORDS } from '../../../agent-ui/src/i18n/qa-words.js';
import { TEXT_TABLES } from '../../../agent-ui/src/i18n/texts.js';
import { REQUEST_TYPE_WORDS, SATISFACTION_WORDS, TICKET_STATUS_WORDS, URGENCY_WORDS, WARNING_WORDS } from '../../../agent-ui/src/i18n/ticket-words.js';
import { ADMISSION_MODE_WORDS } from '../../../agent-ui/src/i18n/wallboard-words.js';
import { wordIn, type Words } from '../../../agent-ui/src/i18n/words.js';
import { REPORT_TABLES } from '../../../src/contract/api/analysis.js';
import { HTTP_ERRORS, SOCKET_ERROR_CODES } from '../../../src/contract/api/error-codes.js';
import { HOTSPOT_KINDS, HOTSPOT_STATES, HOTSPOT_STEPS, HotspotHistoryEntry } from '../../../src/contract/api/hotspots.js';
import { ARTICLE_KINDS, ARTICLE_STATUSES, KnowledgeReminderReply } from '../../../src/contract/api/knowledge.js';
import * as vocabulary from '../../../src/contract/vocabulary.js';

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
const sorted = (values: Iterable<string>): string[] => [...values].sort();
/** The reminder flags as the contract's schema lists them. */
const ARTICLE_FLAGS = KnowledgeReminderReply.properties.items.items.properties.flag.anyOf.map((literal) => literal.const);

/** A history entry's steps as the contract's schema lists them (the steps, then raised and order). */
type LiteralOrUnion = { readonly const?: string; readonly anyOf?: readonly { readonly const: string }[] };
const HOTSPOT_HISTORY_STEPS = (HotspotHistoryEntry.properties.step.anyOf as readonly LiteralOrUnion[]).flatMap((part) => part.anyOf?.map((literal) => literal.const) ?? [part.const ?? '']);

/** Each table of words beside the contract's list it must cover, exactly. */
const WORD_TABLES: readonly { readonly name: string; readonly words: Words<string>; readonly list: readonly string[] }[] = [
  { name: 'ticket status', words: TICKET_STATUS_WORDS, list: vocabulary.TICKET_STATUSES },
  { name: 'request type', words: REQUEST_TYPE_WORDS, list: vocabulary.REQUEST_TYPES },
  { name: 'urgency', words: URGENCY_WORDS, list: vocabulary.URGENCIES },
  { name: 'warning colour', words: WARNING_WORDS, list: vocabulary.WARNING_COLOURS },
  { name: 'satisfaction', words: SATISFACTION_WORDS, list: vocabulary.SATISFACTION_RATINGS },
  { name: 'agent state', words: AGENT_STATE_WORDS, list: vocabulary.AGENT_STATES },
  { name: 'pause reason', words: PAUSE_REASON_WORDS, list: vocabulary.PAUSE_REASONS },
  { name: 'role', words: ROLE_WORDS, list: vocabulary.ROLES },
  { name: 'QA grade', words: QA_GRADE_WORDS, list: vocabulary.QA_GRADES },
  { name: 'recording kind', words: RECORDING_KIND_WORDS, list: vocabulary.RECORDING_KINDS },
  { name: 'audit result', words: AUDIT_RESULT_WORDS, list: vocabulary.AUDIT_RESULTS },
  { name: 'admission mode', words: ADMISSION_MODE_WORDS, list: vocabulary.ADMISSION_MODES },
  { name: 'article status', words: ARTICLE_STATUS_WORDS, list: ARTICLE_STATUSES },
  { name: 'article kind', words: ARTICLE_KIND_WORDS, list: ARTICLE_KINDS },
  { name: 'article flag', words: ARTICLE_FLAG_WORDS, list: ARTICLE_FLAGS },
  { name: 'hotspot kind', words: HOTSPOT_KIND_WORDS, list: HOTSPOT_KINDS },
  { name: 'hotspot state', words: HOTSPOT_STATE_WORDS, list: HOTSPOT_STATES },
  { name: 'hotspot step', words: HOTSPOT_STEP_WORDS, list: HOTSPOT_STEPS },
  { name: 'hotspot history step', words: HOTSPOT_HISTORY_WORDS, list: HOTSPOT_HISTORY_STEPS },
  { name: 'report table', words: REPORT_TABLE_WORDS, list: REPORT_TABLES },
  { name: 'error code', words: ERROR_WORDS, list: [...Object.keys(HTTP_ERRORS), ...SOCKET_ERROR_CODES, 'NETWORK_ERROR'] },
];

describe('the pages’ texts', () => {
  for (const [page, table] of Object.entries(TEXT_TABLES)) {
    it(`${page}: English and Chinese have the same keys, none empty, with the same placeholders`, () => {
      expect(sorted(Object.keys(table.en))).toEqual(sorted(Object.keys(table['zh-CN'])));
      for (const [key, zh] of Object.entries(table['zh-CN'])) {
        const en = (table.en as Readonly<Record<string, string>>)[key] ?? '';
        expect(zh.trim(), `zh-CN ${key}`).not.toBe('');
        expect(en.trim(), `en ${key}`).not.toBe('');
        expect(placeholders(en), `placeholders of ${key}`).toEqual(placeholders(zh));
        expect(zh, `zh-CN ${key} is Chinese`).toMatch(CJK);
      }
    });
  }

  it('no key is in two pages’ tables (a second one would silently win)', () => {
    const keys = Object.values(TEXT_TABLES).flatMap((table) => Object.keys(table['zh-CN']));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });
});

describe('the words the server sends', () => {
  for (const { name, words, list } of WORD_TABLES) {
    it(`every ${name} of the contract has a text in both languages, and no other`, () => {
      expect(list.length).toBeGreaterThan(0);
      for (const lang of LANGS) {
        expect(sorted(Object.keys(words[lang])), lang).toEqual(sorted(new Set(list)));
        for (const value of list) expect(words[lang][value]?.trim(), `${lang} ${value}`).toBeTruthy();
      }
      for (const value of list) {
        expect(words['zh-CN'][value], `zh-CN ${value} is Chinese`).toMatch(CJK);
        expect(wordIn('zh-CN', words, value)).not.toContain('未翻译');
        expect(wordIn('en', words, value)).not.toContain('untranslated');
      }
    });
  }

  it('the desktop offers exactly the pause reasons an agent may choose', () => {
    expect(sorted(CHOSEN_PAUSE_REASONS)).toEqual(sorted(vocabulary.CHOSEN_PAUSE_REASONS));
  });

  it('shows a word it does not know as it came, marked as untranslated, in each language', () => {
    expect(wordIn('zh-CN', TICKET_STATUS_WORDS, 'missed')).toBe('未接来电');
    expect(wordIn('zh-CN', TICKET_STATUS_WORDS, 'escalated')).toBe('escalated（未翻译）');
    expect(wordIn('en', TICKET_STATUS_WORDS, 'escalated')).toBe('escalated (untranslated)');
    // Names every object has are not words of a table.
    expect(wordIn('zh-CN', TICKET_STATUS_WORDS, 'constructor')).toBe('constructor（未翻译）');
    expect(wordIn('en', ROLE_WORDS, 'toString')).toBe('toString (untranslated)');
  });
});

describe('errors as a user reads them', () => {
  const langs: readonly Lang[] = LANGS;

  it('says a catalogued code as a sentence and keeps the code visible', () => {
    expect(errorTextIn('zh-CN', 'QA_SCORE_OUT_OF_RANGE')).toBe('分数超出该评分项的分值范围（错误码 QA_SCORE_OUT_OF_RANGE）');
    expect(errorTextIn('en', 'TICKET_VERSION_CONFLICT')).toBe('Someone else changed the ticket: load it again (error code TICKET_VERSION_CONFLICT)');
  });

  it('says a code it does not know, or a bare HTTP status, in general words with the code', () => {
    for (const lang of langs) {
      expect(errorTextIn(lang, 'BRAND_NEW_CODE')).toContain('BRAND_NEW_CODE');
      expect(errorTextIn(lang, 'HTTP_502')).toContain('HTTP_502');
    }
    expect(errorTextIn('zh-CN', 'BRAND_NEW_CODE')).toBe('未知错误（错误码 BRAND_NEW_CODE）');
    expect(errorTextIn('zh-CN', 'HTTP_502')).toBe('服务器没有正常答复（错误码 HTTP_502）');
  });
});

describe('a caller’s language', () => {
  it('is named in the page’s language', () => {
    expect(languageNameIn('zh-CN', 'zh-CN')).toMatch(CJK);
    expect(languageNameIn('en', 'zh-CN')).toMatch(/Chinese/);
  });

  it('is shown as it came, marked, when it is not a language tag', () => {
    expect(languageNameIn('zh-CN', 'not a tag!')).toBe('not a tag!（未翻译）');
  });
});
