// The words of the centre's own condition on the wallboard: how new callers are admitted, and what
// each server of a cluster does with its PBX.
import type { PbxRole } from '../../../src/contract/api/health.js';
import type { AdmissionMode } from '../../../src/contract/vocabulary.js';
import type { Words } from './words.js';

export const ADMISSION_MODE_WORDS: Words<AdmissionMode> = {
  'zh-CN': { admit: '正常接入', shed: '过载保护（新来电直转人工）' },
  en: { admit: 'Normal', shed: 'Overload protection (new callers straight to agents)' },
};

export const PBX_ROLE_WORDS: Words<PbxRole> = {
  'zh-CN': { running: '运行中', standby: '备用', taking: '接管中', dropped: '已失去', none: '不接交换机（Web 节点）' },
  en: { running: 'Running', standby: 'Standby', taking: 'Taking over', dropped: 'Lost', none: 'No PBX (web node)' },
};
