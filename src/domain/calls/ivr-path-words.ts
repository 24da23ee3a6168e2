// The IVR path in words, as an agent reads it on the screen pop: 主菜单 → 按1 咨询投诉 → 排队 general.
import type { IvrStep } from './call-facts.js';

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  queued: '排队',
  offered: '振铃坐席',
  answered: '坐席接听',
  overflowed: '溢出',
  message: '留言',
  transferred: '转接',
  hangup: '挂机',
  'human-fallback': '转人工（备用队列）',
};

export function describeIvrPath(path: readonly IvrStep[]): string {
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
      words.push(`${OUTCOME_WORDS[step.outcome]}${step.detail ? ` ${step.detail}` : ''}`);
    }
  }
  return words.join(' → ');
}
