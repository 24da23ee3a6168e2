// The IVR path in words, as an agent reads it on the screen pop: 主菜单 → 按1 咨询投诉 → 排队 general.
import type { IvrStep } from './call-facts.js';

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  queued: '排队',
  offered: '振铃坐席',
  answered: '坐席接听',
  overflowed: '溢出',
  message: '留言',
  transferred: '转接',
  'force-released': '班长强拆',
  'taken-over': '班长拦截',
  hangup: '挂机',
  'human-fallback': '转人工（备用队列）',
  'callback-requested': '预约回拨',
  'restart-human-fallback': '服务重启，转人工（备用队列）',
  'lost-during-restart': '服务重启期间挂断',
  'restart-conversation-kept': '服务重启，通话继续',
  'restart-survey-kept': '服务重启，评价继续',
  'dialplan-shed': '系统繁忙，直接转人工（备用队列）',
  'dialplan-server-away': '服务未运行，转人工（备用队列）',
};

/** `queueName` turns a queue's id into the name agents know it by (普通 rather than general). */
export function describeIvrPath(path: readonly IvrStep[], queueName: (queueId: string) => string | null = () => null): string {
  const words: string[] = [];
  let lastFlow = '';
  for (const step of path) {
    if (step.kind === 'node' && step.flowName && step.flow !== lastFlow) {
      words.push(step.flowName);
      lastFlow = step.flow;
    } else if (step.kind === 'key' && step.label !== 'ignored') {
      words.push(`按${step.key}${step.label ? ` ${step.label}` : ''}`);
    } else if (step.kind === 'timeout') {
      words.push('未按键');
    } else if (step.kind === 'outcome' && OUTCOME_WORDS[step.outcome]) {
      const detail = step.outcome === 'queued' && step.detail ? (queueName(step.detail) ?? step.detail) : step.detail;
      words.push(`${OUTCOME_WORDS[step.outcome]}${detail ? ` ${detail}` : ''}`);
    }
  }
  return words.join(' → ');
}
