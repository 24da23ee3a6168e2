// The words of the people at work: an agent's state and pause reason, a user's role.
import type { AgentStateName, ChosenPauseReason, PauseReason, Role } from '../../../src/contract/vocabulary.js';
import type { Words } from './words.js';

export const AGENT_STATE_WORDS: Words<AgentStateName> = {
  'zh-CN': { logged_out: '未签入', available: '空闲', offered: '振铃', on_call: '通话中', wrap_up: '话后整理', paused: '小休' },
  en: { logged_out: 'Logged out', available: 'Ready', offered: 'Ringing', on_call: 'On call', wrap_up: 'Wrap-up', paused: 'Paused' },
};

export const PAUSE_REASON_WORDS: Words<PauseReason> = {
  'zh-CN': { break: '休息', meal: '用餐', training: '培训', meeting: '会议', toilet: '如厕', no_answer: '未接听（振铃超时）', phone_lost: '话机线路断开' },
  en: { break: 'Break', meal: 'Meal', training: 'Training', meeting: 'Meeting', toilet: 'Toilet', no_answer: 'No answer (rang out)', phone_lost: 'Phone line lost' },
};

/** The reasons the desktop offers; the ACD's own (no_answer) is shown, never chosen. */
export const CHOSEN_PAUSE_REASONS = ['break', 'meal', 'training', 'meeting', 'toilet'] as const satisfies readonly ChosenPauseReason[];

export const ROLE_WORDS: Words<Role> = {
  'zh-CN': { agent: '话务员', supervisor: '班长', qa: '质检员', unit: '承办单位', 'kb-editor': '知识库编辑', admin: '管理员' },
  en: { agent: 'Agent', supervisor: 'Supervisor', qa: 'QA', unit: 'Handling unit', 'kb-editor': 'Knowledge editor', admin: 'Admin' },
};
