// The words of the centre's own condition on the wallboard: how new callers are admitted.
import type { AdmissionMode } from '../../../src/contract/vocabulary.js';
import type { Words } from './words.js';

export const ADMISSION_MODE_WORDS: Words<AdmissionMode> = {
  'zh-CN': { admit: '正常接入', shed: '过载保护（新来电直转人工）' },
  en: { admit: 'Normal', shed: 'Overload protection (new callers straight to agents)' },
};
