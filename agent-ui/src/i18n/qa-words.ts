// The words of call review: a review's grade, a recording's kind, an audit entry's result.
import type { AuditResult, QaGrade, RecordingKind } from '../../../src/contract/vocabulary.js';
import type { Words } from './words.js';

export const QA_GRADE_WORDS: Words<QaGrade> = {
  'zh-CN': { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' },
  en: { excellent: 'Excellent', good: 'Good', pass: 'Pass', fail: 'Fail' },
};

export const RECORDING_KIND_WORDS: Words<RecordingKind> = {
  'zh-CN': { conversation: '通话录音', message: '留言录音' },
  en: { conversation: 'Conversation', message: 'Voice message' },
};

export const AUDIT_RESULT_WORDS: Words<AuditResult> = {
  'zh-CN': { ok: '允许', denied: '拒绝', failed: '失败' },
  en: { ok: 'Allowed', denied: 'Denied', failed: 'Failed' },
};
