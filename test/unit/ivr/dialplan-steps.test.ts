import { describe, expect, it } from 'vitest';
import { joinAssignments, joinSteps } from '../../../src/domain/ivr/dialplan-steps.js';
import { lineApp, POP_HANDLER, type Extension } from '../../../src/domain/ivr/dialplan-extension.js';

const render = (contexts: Map<string, Extension[]>, name: string): string[] => (contexts.get(name) ?? []).flatMap((ext) => ext.lines.map(lineApp));

describe('steps joined in the compiled menus', () => {
  it('joins two steps when the second reads and sets nothing the first sets, the path appended once in order', () => {
    const key = { path: '|k1', pairs: [] };
    const menu = { path: '|n-menu', pairs: ['HOTLINE_TRIES=0', 'HOTLINE_PLAYING=5'] };
    expect(joinAssignments(key, menu)).toEqual({ path: '|k1|n-menu', pairs: ['HOTLINE_TRIES=0', 'HOTLINE_PLAYING=5'] });
    // The second would read what the first sets (MSet substitutes every value before it sets any).
    expect(joinAssignments({ path: '', pairs: ['HOTLINE_LANG=en'] }, { path: '|${HOTLINE_LANG}', pairs: [] })).toBeNull();
    expect(joinAssignments({ path: '|a', pairs: [] }, { path: '', pairs: ['X=${HOTLINE_IVR_PATH}'] })).toBeNull();
    // Both set one variable: the first's value would be lost.
    expect(joinAssignments({ path: '', pairs: ['HOTLINE_TRIES=0'] }, { path: '', pairs: ['HOTLINE_TRIES=1'] })).toBeNull();
    // A step something jumps to (a label) stays a step of its own; the first's label stays on the joined one.
    expect(joinAssignments({ path: '|a', pairs: [] }, { label: 'heard', path: '|b', pairs: [] })).toBeNull();
    expect(joinAssignments({ label: 'heard', path: '|a', pairs: [] }, { path: '|b', pairs: [] })).toEqual({ label: 'heard', path: '|a|b', pairs: [] });
    // The pop of the hangup handler is not pulled across a jump, away from the Stasis() right after it.
    expect(joinAssignments({ path: '|k', pairs: [] }, { path: '|q', pairs: [POP_HANDLER] }, true)).toBeNull();
    expect(joinAssignments({ path: '|k', pairs: [] }, { path: '|q', pairs: [POP_HANDLER] })).not.toBeNull();
  });

  it("joins a key's step with the next node's first across the jump, following goto nodes, and keeps every other priority in place", () => {
    const contexts = new Map<string, Extension[]>([
      ['menu', [{ name: '1', lines: [{ path: '|k1', pairs: [] }, 'Goto(set-node,s,1)'] }]],
      ['set-node', [{ name: 's', lines: [{ path: '|n-set', pairs: ['HOTLINE_IVR_VARS=${HOTLINE_IVR_VARS}|a=b'] }, 'Goto(thanks,s,1)'] }]],
      ['thanks', [{ name: 's', lines: [{ path: '|n-thanks', pairs: ['HOTLINE_PLAYING=3'] }, { label: 'play0', app: 'ControlPlayback(x)' }, 'Hangup()'] }]],
      ['queue', [{ name: 's', lines: [{ path: '|n-queue', pairs: [POP_HANDLER] }, 'Stasis(app)'] }]],
      ['retry', [{ name: 'i', lines: [{ path: '|i', pairs: [] }, { path: '', pairs: ['HOTLINE_TRIES=$[${HOTLINE_TRIES}+1]'] }, 'Goto(queue,s,1)'] }]],
    ]);
    const joined = joinSteps(contexts);
    expect(render(joined, 'menu')).toEqual(['MSet(HOTLINE_IVR_PATH=${HOTLINE_IVR_PATH}|k1|n-set|n-thanks,HOTLINE_IVR_VARS=${HOTLINE_IVR_VARS}|a=b,HOTLINE_PLAYING=3)', 'Goto(thanks,s,2)']);
    expect(render(joined, 'set-node')).toEqual(['MSet(HOTLINE_IVR_PATH=${HOTLINE_IVR_PATH}|n-set|n-thanks,HOTLINE_IVR_VARS=${HOTLINE_IVR_VARS}|a=b,HOTLINE_PLAYING=3)', 'Goto(thanks,s,2)']);
    // The thanks keeps its own priorities: priority 2 is still its prompt.
    expect(render(joined, 'thanks')).toEqual(['MSet(HOTLINE_IVR_PATH=${HOTLINE_IVR_PATH}|n-thanks,HOTLINE_PLAYING=3)', 'ControlPlayback(x)', 'Hangup()']);
    // Two steps in a row become one; the jump to the queue keeps the queue's first step (the pop).
    expect(render(joined, 'retry')).toEqual(['MSet(HOTLINE_IVR_PATH=${HOTLINE_IVR_PATH}|i,HOTLINE_TRIES=$[${HOTLINE_TRIES}+1])', 'Goto(queue,s,1)']);
  });

  it('stops following goto nodes that lead round in a circle', () => {
    const contexts = new Map<string, Extension[]>([
      ['a', [{ name: 's', lines: [{ path: '|a', pairs: [] }, 'Goto(b,s,1)'] }]],
      ['b', [{ name: 's', lines: [{ path: '|b', pairs: [] }, 'Goto(a,s,1)'] }]],
    ]);
    const joined = render(joinSteps(contexts), 'a');
    expect(joined).toHaveLength(2);
    expect(joined[1]).toMatch(/^Goto\([ab],s,1\)$/);
  });
});
