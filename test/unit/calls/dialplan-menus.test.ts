import { describe, expect, it } from 'vitest';
import { UNKNOWN_CALLER } from '../../../src/domain/callers/caller-info.js';
import { dialplanEntry } from '../../../src/domain/calls/dialplan-menus.js';
import { compileFlowsToDialplan } from '../../../src/domain/ivr/dialplan-compiler.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const flows = shippedFlowSet();
const compiled = compileFlowsToDialplan(flows);
const call = { callerNumber: '13811110000', dialedNumber: '12345', at: 1_800_000_000_500 };

describe('what the server decides at arrival for the compiled menus', () => {
  it('tells the dialplan when each schedule next changes, in whole seconds, so hours are read when the node is reached', () => {
    const closesAt = 1_800_000_060_000;
    const entry = dialplanEntry({ ivr: { flows, isOpen: () => true, hoursChange: (id, at) => (id === 'enterprise-desk' && at === call.at ? closesAt : null) }, language: 'zh-CN', dialplanMenus: compiled }, call, UNKNOWN_CALLER, 'main');
    expect(entry?.facts).toEqual(['dialed:12345', 'open:enterprise-desk', 'change:enterprise-desk@1800000060']);
  });

  it('gives a change no call reaches when the schedule does not change within its horizon, or the calendar is not known', () => {
    const closed = dialplanEntry({ ivr: { flows, isOpen: () => false, hoursChange: () => null }, language: 'zh-CN', dialplanMenus: compiled }, call, UNKNOWN_CALLER, 'main');
    expect(closed?.facts).toEqual(['dialed:12345', 'change:enterprise-desk@99999999999']);
    const unknown = dialplanEntry({ ivr: { flows, isOpen: () => true }, language: 'zh-CN', dialplanMenus: compiled }, call, UNKNOWN_CALLER, 'main');
    expect(unknown?.facts).toContain('change:enterprise-desk@99999999999');
  });
});
