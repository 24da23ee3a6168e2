import { describe, expect, it } from 'vitest';
import type { IvrStep } from '../../src/domain/calls/call-facts.js';
import { describeIvrPath } from '../../src/domain/calls/ivr-path-words.js';

describe('describeIvrPath', () => {
  it('reads like the agent would say it', () => {
    const path: IvrStep[] = [
      { at: 1, kind: 'node', flow: 'main', node: 'route', flowName: '主菜单' },
      { at: 2, kind: 'node', flow: 'main', node: 'menu', flowName: '主菜单' },
      { at: 3, kind: 'key', key: '2', label: '企业服务' },
      { at: 4, kind: 'node', flow: 'enterprise', node: 'menu', flowName: '企业服务专席' },
      { at: 5, kind: 'key', key: '1', label: '政策咨询' },
      { at: 6, kind: 'outcome', outcome: 'queued', detail: 'enterprise' },
      { at: 7, kind: 'outcome', outcome: 'answered', detail: '8004' },
    ];
    expect(describeIvrPath(path)).toBe('主菜单 → 按2 企业服务 → 企业服务专席 → 按1 政策咨询 → 排队 enterprise → 坐席接听 8004');
  });

  it('says when the caller pressed nothing', () => {
    const path: IvrStep[] = [
      { at: 1, kind: 'node', flow: 'main', node: 'menu', flowName: '主菜单' },
      { at: 2, kind: 'timeout', node: 'menu' },
      { at: 3, kind: 'outcome', outcome: 'queued', detail: 'general' },
    ];
    expect(describeIvrPath(path)).toBe('主菜单 → 未按键 → 排队 general');
  });

  it("names the queue as agents know it, and says when a restart sent the caller to the fallback", () => {
    const path: IvrStep[] = [
      { at: 1, kind: 'node', flow: 'main', node: 'menu', flowName: '主菜单' },
      { at: 2, kind: 'outcome', outcome: 'queued', detail: 'general' },
      { at: 3, kind: 'outcome', outcome: 'restart-human-fallback' },
    ];
    expect(describeIvrPath(path, (id) => (id === 'general' ? '普通' : null))).toBe('主菜单 → 排队 普通 → 服务重启，转人工（备用队列）');
  });
});
