// The knowledge words of a caller's IVR choices, read from the shipped flows along every path the
// engine can take, and the same from the path the compiled dialplan hands back.
import { describe, expect, it } from 'vitest';
import { choiceWords } from '../../../src/domain/calls/ivr-choice-words.js';
import { decodePath, encodePath } from '../../../src/domain/ivr/dialplan-path.js';
import type { IvrContext } from '../../../src/domain/ivr/ivr-engine.js';
import type { CallerProfile } from '../../../src/domain/ivr/ivr-protocol.js';
import { everyPath, type FlowPath } from '../../helpers/flow-paths.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const flowSet = shippedFlowSet();
const ctx: IvrContext = { flows: flowSet, isOpen: () => true };
const caller: CallerProfile = { number: '13800001111', dialed: '12345', elderly: false, enterprise: null, anonymous: false };
const paths = everyPath(ctx, caller, 'main');
const keys = (path: FlowPath): string => path.actions.map((action) => action.key ?? '-').join('');
const byKeys = (wanted: string): FlowPath => {
  const found = paths.find((path) => keys(path) === wanted);
  if (!found) throw new Error(`no path ${wanted}`);
  return found;
};

describe('choiceWords on the shipped flows', () => {
  it('gives the words of the option chosen, the latest choice first, each once', () => {
    expect(choiceWords(byKeys('11').path, flowSet.flows)).toEqual(['政策 办事指南']);
    expect(choiceWords(byKeys('131').path, flowSet.flows)).toEqual(['求助']);
    expect(choiceWords(byKeys('21').path, flowSet.flows)).toEqual(['惠企政策 补贴']);
    expect(choiceWords(byKeys('22').path, flowSet.flows)).toEqual(['营业执照 证照办理']);
  });

  it('gives nothing for options without words, silence, a wrong key or the elderly key', () => {
    expect(choiceWords(byKeys('132').path, flowSet.flows)).toEqual([]);
    expect(choiceWords(byKeys('-').path, flowSet.flows)).toEqual([]);
    expect(choiceWords(byKeys('0').path, flowSet.flows)).toEqual([]);
    expect(choiceWords(byKeys('9').path, flowSet.flows)).toEqual([]);
  });

  it('reads the same words from every path as the compiled dialplan hands it back', () => {
    for (const path of paths) expect(choiceWords(decodePath(encodePath(path.path)), flowSet.flows)).toEqual(choiceWords(path.path, flowSet.flows));
    // Every option that carries words is reached by some path and gives them.
    const found = new Set(paths.flatMap((path) => choiceWords(path.path, flowSet.flows)));
    expect([...found].sort()).toEqual(['惠企政策 补贴', '投诉 举报 受理', '政策 办事指南', '求助', '营业执照 证照办理'].sort());
  });

  it('reads a global key’s words from the latest flow that defines it', () => {
    const main = flowSet.flows.get('main');
    if (!main) throw new Error('no main flow');
    const withWords = new Map(flowSet.flows);
    withWords.set('main', { ...main, globalKeys: { '0': { next: { flow: 'elderly' }, label: '老年人一键转人工', knowledge: '适老化 服务' } } });
    const path = [
      { at: 1, kind: 'node' as const, flow: 'main', node: 'menu' },
      { at: 2, kind: 'key' as const, key: '0', label: '老年人一键转人工', global: true },
    ];
    expect(choiceWords(path, withWords)).toEqual(['适老化 服务']);
    expect(choiceWords(path, flowSet.flows)).toEqual([]);
  });
});
